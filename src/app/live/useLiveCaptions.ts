import { useEffect, useReducer, useRef, type RefObject } from 'react';
import type { CaptionOptions } from '../../core/caption-types';
import type { CaptionService } from '../captioning/caption-service';
import { startLiveLoop } from '../captioning/live-loop';
import { INITIAL_LIVE_STATE, liveReducer } from './live-state';
import { grabFrame } from './media-source';

/**
 * Captions the video while `running`: one frame in flight, the newest frame each time (live-loop.ts). Options
 * are read per frame, so toggles apply to the next frame without restarting. `sessionKey` changing (a new
 * source) clears the captions and the log.
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

  useEffect(() => {
    if (!service || !running) return;
    if (session.current.startPerf === 0) session.current = { startPerf: performance.now(), startWall: Date.now() };
    const coarseText = new Map<number, string>();
    let latestFrame = 0;
    const loop = startLiveLoop(service, {
      grab: async () => {
        const element = video.current;
        if (!element) return null;
        const grabbedAt = performance.now();
        const frame = await grabFrame(element);
        return frame ? { frame, grabbedAt } : null;
      },
      options: () => optionsRef.current,
      onEvent: (frameId, event) => {
        latestFrame = frameId;
        if (event.type === 'token' && event.pass === 'coarse') {
          coarseText.set(frameId, (coarseText.get(frameId) ?? '') + event.text);
        } else if (event.type === 'stage' && event.stage === 'saliency') {
          // Pass 1 is over: its caption is complete and may show before the refined one.
          const text = coarseText.get(frameId);
          if (text) dispatch({ type: 'coarse', frameId, text, now: performance.now() });
        }
      },
      onResult: (frameId, outcome, frame, doneAt) => {
        coarseText.delete(frameId);
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
        coarseText.delete(frameId);
        const e = error as { name?: string; message?: string };
        dispatch({ type: 'error', frameId, message: `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}` });
      },
    });
    return () => {
      // A coarse caption on screen whose refinement was cancelled must not stay as if it were current.
      void loop.stop().then(() => dispatch({ type: 'abandon', frameId: latestFrame }));
    };
  }, [service, running, video]);

  return { state, sessionStart: session };
}
