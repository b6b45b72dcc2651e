/**
 * Shot schedules of the made videos (scripts/video/make-videos.ts): shot durations in seconds become whole-frame
 * ranges at a frame rate, and the times a sidecar states are those frame boundaries, so a cut at startSec is
 * exactly the first frame of the new shot (frame firstFrame shows t = firstFrame / fps). Pure.
 */

export interface Shot {
  /** Position in the schedule, from 0. */
  index: number;
  /** First frame of the shot and the frame after its last one (exclusive). */
  firstFrame: number;
  endFrame: number;
  /** firstFrame / fps and endFrame / fps: the shot shows from startSec up to, not including, endSec. */
  startSec: number;
  endSec: number;
}

/** Seconds of a frame boundary, rounded to the microsecond so 0.1-second steps print as 0.1, not 0.1000000001. */
const secondsOf = (frame: number, fps: number): number => Math.round((frame / fps) * 1e6) / 1e6;

/**
 * Whole-frame shots for `durationsSec` at `fps`. Each cut falls on the frame nearest the true cumulative time
 * (rounding the running total, not each duration, so rounding never drifts); a shot that would get no frame is an
 * error.
 */
export function scheduleShots(durationsSec: readonly number[], fps: number): Shot[] {
  if (!Number.isInteger(fps) || fps < 1) throw new Error(`fps must be a positive integer, not ${fps}`);
  if (durationsSec.length === 0) throw new Error('a schedule needs at least one shot');
  const shots: Shot[] = [];
  let elapsed = 0;
  let firstFrame = 0;
  for (const [index, duration] of durationsSec.entries()) {
    if (!(duration > 0) || !Number.isFinite(duration)) throw new Error(`shot ${index} lasts ${duration} s`);
    elapsed += duration;
    // Rounded to 1e-6 frame first, so 2.0 + 3.5 + ... summed in floating point still lands on whole frames.
    const endFrame = Math.round(Math.round(elapsed * fps * 1e6) / 1e6);
    if (endFrame <= firstFrame) throw new Error(`shot ${index} (${duration} s) gets no frame at ${fps} fps`);
    shots.push({
      index,
      firstFrame,
      endFrame,
      startSec: secondsOf(firstFrame, fps),
      endSec: secondsOf(endFrame, fps),
    });
    firstFrame = endFrame;
  }
  return shots;
}

/** `count` shots sharing `totalSec` evenly (the cuts land on the nearest frames). */
export function evenShots(totalSec: number, count: number, fps: number): Shot[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, not ${count}`);
  return scheduleShots(
    Array.from({ length: count }, () => totalSec / count),
    fps,
  );
}

/** Total frames of a schedule. */
export const frameCount = (shots: readonly Shot[]): number => shots[shots.length - 1].endFrame;

/** The times of the scene changes: every shot's start but the first. */
export const changeTimes = (shots: readonly Shot[]): number[] => shots.slice(1).map((shot) => shot.startSec);

/** The shot index of every frame, in order: what a frame writer iterates. */
export function* framesOf(shots: readonly Shot[]): Generator<number> {
  for (const shot of shots) for (let f = shot.firstFrame; f < shot.endFrame; f++) yield shot.index;
}
