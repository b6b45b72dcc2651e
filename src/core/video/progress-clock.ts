/**
 * The estimate of the time left while a video is captioned, from how much video time is done and how much wall
 * time has passed.
 */

/** Before this much wall time, or this share of the video, the pace says too little to promise anything. */
const MIN_ELAPSED_MS = 1500;
const MIN_FRACTION = 0.02;

/** What the progress bar shows. */
export interface ProgressEstimate {
  /** Share of the video done, 0..1. */
  fraction: number;
  /** Wall seconds left at the pace so far; null while too early to say (MIN_ELAPSED_MS, MIN_FRACTION). */
  etaSec: number | null;
  /** Video seconds done per wall second; null while too early to say. */
  speed: number | null;
}

/**
 * The pace is the whole run's average (video seconds done / wall seconds since the start), not a recent window:
 * the work comes in lumps (a sample costs a seek, a new scene a caption of a second or more), so a short window
 * swings between "almost done" and "forever" with every caption, while over a whole file the scenes are spread
 * evenly enough that the average predicts the rest.
 */
export class ProgressClock {
  constructor(
    readonly durationSec: number,
    readonly startMs: number,
  ) {
    if (!(Number.isFinite(durationSec) && durationSec > 0))
      throw new RangeError(`durationSec must be a positive number, got ${durationSec}`);
  }

  /** The estimate once `doneSec` of the video is done at wall time `nowMs` (same clock as startMs). */
  update(doneSec: number, nowMs: number): ProgressEstimate {
    const done = Math.min(Math.max(Number.isFinite(doneSec) ? doneSec : 0, 0), this.durationSec);
    const fraction = done / this.durationSec;
    const elapsedMs = nowMs - this.startMs;
    if (fraction >= 1) return { fraction: 1, etaSec: 0, speed: elapsedMs > 0 ? done / (elapsedMs / 1000) : null };
    if (!(elapsedMs >= MIN_ELAPSED_MS && fraction >= MIN_FRACTION)) return { fraction, etaSec: null, speed: null };
    const speed = done / (elapsedMs / 1000);
    return { fraction, etaSec: (this.durationSec - done) / speed, speed };
  }
}
