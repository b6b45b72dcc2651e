import { useCallback, type RefObject } from 'react';
import type { CaptionService } from '../capture/caption-service';
import { useLiveLoop, type LiveRun } from '../capture/useLiveLoop';
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
  const begin = useCallback(
    (): LiveRun => ({
      // No onEvent: the host gets whole captions, so the worker sends no per-frame events at all.
      options: () => session.options(),
      onResult: (_id, outcome) =>
        session.liveCaption(outcome.result, { width: outcome.frameWidth, height: outcome.frameHeight }),
      onError: (_id, error) => session.liveError(error),
    }),
    [session],
  );
  useLiveLoop({ service, video, running, begin });
}
