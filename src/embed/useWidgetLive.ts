import { useEffect, type RefObject } from 'react';
import type { CaptionService } from '../app/captioning/caption-service';
import { startLiveLoop } from '../app/captioning/live-loop';
import { grabFrame } from '../app/live/media-source';
import type { WidgetSession } from './widget-session';

/**
 * Captions the video while `running`, one frame in flight, newest frame each time (the Live view's loop), and
 * hands each caption to the session, which posts it to the host. Settings are read per frame.
 */
export function useWidgetLive({
  session,
  service,
  video,
  running,
}: {
  session: WidgetSession;
  service: CaptionService;
  video: RefObject<HTMLVideoElement | null>;
  running: boolean;
}): void {
  useEffect(() => {
    if (!running) return;
    const loop = startLiveLoop(service, {
      grab: async () => {
        const element = video.current;
        if (!element) return null;
        const grabbedAt = performance.now();
        const frame = await grabFrame(element);
        return frame ? { frame, grabbedAt } : null;
      },
      options: () => session.options(),
      onEvent: () => undefined,
      onResult: (_id, outcome) =>
        session.liveCaption(outcome.result, { width: outcome.frameWidth, height: outcome.frameHeight }),
      onError: (_id, error) => session.liveError(error),
    });
    return () => void loop.stop();
  }, [session, service, video, running]);
}
