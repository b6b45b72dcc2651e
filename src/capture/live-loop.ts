/**
 * The Live view's capture loop: at most one frame in flight, and the frame captioned is always the newest.
 * Rather than grabbing at the video's rate and dropping stale frames, the loop grabs a frame only when the
 * captioner is free (pull), so no frame waits and no grab is wasted; latest-frame-wins by construction.
 */
import type { CaptionOptions } from '../core/caption-types';
import { closeFrame } from '../bridge/frame-transfer';
import {
  isCancellation,
  type CaptionEvent,
  type CaptionEventType,
  type CaptionFrame,
  type CaptionOutcome,
  type CaptionService,
} from './caption-service';

/** A grabbed frame and when it was grabbed (ms, performance clock). */
export interface GrabbedFrame {
  frame: CaptionFrame;
  grabbedAt: number;
}

export interface LiveLoopHandlers {
  /** Grabs the current frame; null when none is ready yet (the video is still starting). */
  grab(): Promise<GrabbedFrame | null>;
  /** The options for the next frame (read per frame, so toggles apply at once). */
  options(): CaptionOptions;
  /** Progress of a frame, limited to `events` (none without a handler: the worker then sends nothing). */
  onEvent?(frameId: number, event: CaptionEvent): void;
  events?: readonly CaptionEventType[];
  onResult(frameId: number, outcome: CaptionOutcome, frame: GrabbedFrame, doneAt: number): void;
  /** A failed frame; the loop waits `retryDelayMs` and goes on (a camera glitch must not end the session). */
  onError(frameId: number, error: unknown): void;
}

export interface LiveLoopOptions {
  /** Wait before retrying when no frame was ready or a frame failed. */
  retryDelayMs?: number;
  /** Clock (ms), injectable for tests. */
  now?: () => number;
  /** Timer, injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface LiveLoop {
  /** Stops after cancelling the frame in flight; resolves when the loop has ended. */
  stop(): Promise<void>;
  /** Frames finished so far. */
  readonly finished: number;
}

/** Frame ids are unique across loops, so a stopped loop's late news can never be taken for a new loop's. */
let lastFrameId = 0;
/** Each loop's frames are one stream (CaptionOptions.stream): a captioner may reuse what has not changed. */
let lastStreamId = 0;

const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export function startLiveLoop(
  service: CaptionService,
  handlers: LiveLoopHandlers,
  options: LiveLoopOptions = {},
): LiveLoop {
  const retryDelayMs = options.retryDelayMs ?? 250;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? abortableSleep;
  const controller = new AbortController();
  const { signal } = controller;
  let finished = 0;
  const stream = `live-${++lastStreamId}`;

  const loop = async (): Promise<void> => {
    while (!signal.aborted) {
      let grabbed: GrabbedFrame | null = null;
      try {
        grabbed = await handlers.grab();
      } catch (error) {
        handlers.onError(lastFrameId, error);
      }
      if (signal.aborted) {
        closeFrame(grabbed?.frame);
        return;
      }
      if (!grabbed) {
        await sleep(retryDelayMs, signal);
        continue;
      }
      const id = ++lastFrameId;
      try {
        const { onEvent, events } = handlers;
        const outcome = await service.caption(
          grabbed.frame,
          { ...handlers.options(), stream },
          {
            signal,
            events,
            onEvent: onEvent && ((event) => void (signal.aborted || onEvent.call(handlers, id, event))),
          },
        );
        if (signal.aborted) return;
        finished++;
        handlers.onResult(id, outcome, grabbed, now());
      } catch (error) {
        if (isCancellation(error)) continue;
        // A real failure is reported even when the loop is stopping because of it (the worker crashed: the
        // owner stops the loop on the same news, and the frame's error says why).
        handlers.onError(id, error);
        await sleep(retryDelayMs, signal);
      } finally {
        // The service transfers bitmaps to the worker; closing a transferred one is a no-op, an untransferred
        // one (a fake, an early throw) would otherwise hold its memory until garbage collection.
        closeFrame(grabbed.frame);
      }
    }
  };

  const done = loop();
  return {
    stop: async () => {
      controller.abort();
      await done;
    },
    get finished() {
      return finished;
    },
  };
}
