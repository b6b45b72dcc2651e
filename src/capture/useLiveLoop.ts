import { useEffect, type RefObject } from 'react';
import type { CaptionService } from './caption-service';
import { grabFrame } from './grab-frame';
import { startLiveLoop, type GrabbedFrame, type LiveLoopHandlers } from './live-loop';

/** What the owner of a live loop does with it: made afresh by `begin` each time the loop starts. */
export interface LiveRun extends Omit<LiveLoopHandlers, 'grab'> {
  /** Called once the loop has stopped (the frame in flight cancelled). */
  stopped?(): void;
}

/**
 * Captions the video while `running` (and a service is there): one frame in flight, the newest frame each time
 * (live-loop.ts). The loop restarts when `service`, `running`, `video` or `begin` change, so `begin` should be
 * stable (useCallback); what it returns is read per frame, so options can change without a restart.
 */
export function useLiveLoop({
  service,
  video,
  running,
  begin,
}: {
  service: CaptionService | null;
  video: RefObject<HTMLVideoElement | null>;
  running: boolean;
  begin: () => LiveRun;
}): void {
  useEffect(() => {
    if (!service || !running) return;
    const run = begin();
    const { onEvent, events } = run;
    const loop = startLiveLoop(service, {
      grab: () => grabLatest(video.current),
      options: () => run.options(),
      onEvent: onEvent && ((frameId, event) => onEvent.call(run, frameId, event)),
      events,
      onResult: (frameId, outcome, frame, doneAt) => run.onResult(frameId, outcome, frame, doneAt),
      onError: (frameId, error) => run.onError(frameId, error),
    });
    return () => void loop.stop().then(() => run.stopped?.());
  }, [service, running, video, begin]);
}

/** The video's picture now and when it was taken (performance clock); null while there is none. */
async function grabLatest(element: HTMLVideoElement | null): Promise<GrabbedFrame | null> {
  if (!element) return null;
  const grabbedAt = performance.now();
  const frame = await grabFrame(element);
  return frame ? { frame, grabbedAt } : null;
}
