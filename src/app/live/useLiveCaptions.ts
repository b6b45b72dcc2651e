import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import type { CaptionService } from '../../capture/caption-service';
import { useLiveLoop, type LiveRun } from '../../capture/useLiveLoop';
import type { CaptionOptions } from '../../core/caption-types';
import { INITIAL_LIVE_STATE, liveReducer } from './live-state';

/**
 * Captions the video while `running`: one frame in flight, the newest frame each time (src/capture's live
 * loop). Options are read per frame, so toggles apply to the next frame without restarting. `sessionKey`
 * changing (a new source) clears the captions and the log.
 */
export function useLiveCaptions({
  service,
  video,
  running,
  options,
  sessionKey,
}: {
  service: CaptionService | null;
  video: RefObject<HTMLVideoElement | null>;
  running: boolean;
  options: CaptionOptions;
  sessionKey: string;
}) {
  const [state, dispatch] = useReducer(liveReducer, INITIAL_LIVE_STATE);
  const optionsRef = useRef(options);
  // Set by the session effect below (reading clocks during render is impure).
  const session = useRef({ startPerf: 0, startWall: 0 });

  useEffect(() => {
    optionsRef.current = options;
  }, [options]);

  useEffect(() => {
    // The session's clock starts with its first captioning, not while the model is still loading.
    session.current = { startPerf: 0, startWall: 0 };
    dispatch({ type: 'reset' });
  }, [sessionKey]);

  // Made each time the loop starts (useLiveLoop), so its per-frame bookkeeping starts empty.
  const begin = useCallback((): LiveRun => {
    if (session.current.startPerf === 0) session.current = { startPerf: performance.now(), startWall: Date.now() };
    let latestFrame = 0;
    return {
      options: () => optionsRef.current,
      // Whole pass captions only: the coarse one shows as soon as pass 1 is over, before the refined one.
      events: ['caption'],
      onEvent: (frameId, event) => {
        latestFrame = frameId;
        if (event.type === 'caption' && event.pass === 'coarse' && event.text) {
          dispatch({ type: 'coarse', frameId, text: event.text, now: performance.now() });
        }
      },
      onResult: (frameId, outcome, frame, doneAt) => {
        dispatch({
          type: 'final',
          frameId,
          outcome,
          grabbedAt: frame.grabbedAt,
          now: doneAt,
          sessionMs: doneAt - session.current.startPerf,
          wallMs: Date.now(),
        });
      },
      onError: (frameId, error) => {
        const e = error as { name?: string; message?: string };
        dispatch({ type: 'error', frameId, message: `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}` });
      },
      // A coarse caption on screen whose refinement was cancelled must not stay as if it were current.
      stopped: () => dispatch({ type: 'abandon', frameId: latestFrame }),
    };
  }, []);
  useLiveLoop({ service, video, running, begin });

  return { state, sessionStart: session };
}
