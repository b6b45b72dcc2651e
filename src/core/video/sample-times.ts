/**
 * Which video times to look at: the regular samples of a whole file, and the bisection that narrows a scene
 * change found between two samples.
 */

/** The last sample sits this far before the end at most: seeking to the very end may show no frame at all. */
const END_MARGIN_SEC = 0.05;

/** Rounds to the microsecond, so 3 x 0.1 is 0.3 and not 0.30000000000000004 (times end up in exports). */
const microseconds = (sec: number): number => Math.round(sec * 1e6) / 1e6;

function checkPositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number, got ${value}`);
}

/**
 * Sample times for a video of `durationSec`: 0, interval, 2 x interval, ... strictly before the end, plus one
 * just before the end (durationSec - min(0.05, interval / 4)) when the last regular sample is more than half an
 * interval before it, so a scene in the file's last moments is not missed. Every time is in [0, durationSec).
 * Throws RangeError unless both arguments are positive finite numbers.
 */
export function sampleTimes(durationSec: number, intervalSec: number): number[] {
  checkPositive('durationSec', durationSec);
  checkPositive('intervalSec', intervalSec);
  const times: number[] = [];
  for (let k = 0; ; k++) {
    const t = microseconds(k * intervalSec);
    if (t >= durationSec) break;
    times.push(t);
  }
  const last = times[times.length - 1];
  if (durationSec - last > intervalSec / 2)
    times.push(microseconds(durationSec - Math.min(END_MARGIN_SEC, intervalSec / 4)));
  return times;
}

/** The time halfway between a and b. */
export const midpoint = (a: number, b: number): number => a + (b - a) / 2;

/**
 * Narrows a scene change known to lie in (fromSec, toSec] by bisection: `steps` probes, each asking whether the
 * frame shown at the midpoint already shows the new scene. Returns the earliest time seen to show it (toSec
 * when steps is 0), at most (toSec - fromSec) / 2^steps after the change. Probes run one after another.
 */
export async function narrowBoundary(
  fromSec: number,
  toSec: number,
  steps: number,
  showsNewScene: (timeSec: number) => Promise<boolean>,
): Promise<number> {
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError(`steps must be a whole number >= 0, got ${steps}`);
  if (!(fromSec < toSec)) throw new RangeError(`empty interval (${fromSec}, ${toSec}]`);
  let before = fromSec;
  let after = toSec;
  for (let i = 0; i < steps; i++) {
    const probe = microseconds(midpoint(before, after));
    if (probe <= before || probe >= after) break; // the interval is below a microsecond: nothing left to narrow
    if (await showsNewScene(probe)) after = probe;
    else before = probe;
  }
  return after;
}
