import type { CaptionHooks, CaptionStage, StageTimings } from './caption-types';
import { type CancelCheck, throwIfCancelled } from './decode/cancel';

/** A job's cancel check from its hooks, whichever form the caller gave (`isCancelled`, or a `signal`). */
export function cancelCheckOf(hooks: CaptionHooks): () => boolean {
  return () => (hooks.isCancelled?.() ?? false) || (hooks.signal?.aborted ?? false);
}

/**
 * The stage timings of a job whose stages follow one another (the real-world and hub captioners): `next(done,
 * stage)` ends stage `done`, checks for cancellation and reports `stage` as begun; `finish()` sets the total.
 */
export function stageClock(hooks: CaptionHooks, cancel: CancelCheck) {
  const started = now();
  let mark = started;
  const timings = zeroTimings();
  return {
    timings,
    next(done: Exclude<keyof StageTimings, 'total'>, stage: CaptionStage): void {
      const t = now();
      timings[done] = t - mark;
      mark = t;
      throwIfCancelled(cancel, stage);
      hooks.onStage?.(stage);
    },
    finish(): StageTimings {
      timings.total = now() - started;
      return timings;
    },
  };
}

/** Every stage at 0 ms, to be filled in as a job runs. */
export function zeroTimings(): StageTimings {
  return { preprocess: 0, encode: 0, pass1: 0, saliency: 0, regions: 0, lookAgain: 0, pass2: 0, total: 0 };
}

export function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
