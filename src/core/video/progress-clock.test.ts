import { describe, expect, it } from 'vitest';
import { ProgressClock } from './progress-clock';

describe('ProgressClock', () => {
  it('estimates the time left from the pace so far', () => {
    const clock = new ProgressClock(60, 1000);
    // 12 s of video in 3 s: 4x real time, 48 s of video left -> 12 s.
    expect(clock.update(12, 4000)).toEqual({ fraction: 0.2, etaSec: 12, speed: 4 });
  });

  it('averages over the whole run, so one slow caption does not swing the estimate', () => {
    const clock = new ProgressClock(100, 0);
    expect(clock.update(20, 2000).etaSec).toBe(8);
    // The next 2 s go into one caption with no video progress: the pace drops to 20 s / 4 s, not to zero.
    expect(clock.update(20, 4000)).toEqual({ fraction: 0.2, etaSec: 16, speed: 5 });
  });

  it('says nothing before 1.5 s of wall time or 2 % of the video', () => {
    const clock = new ProgressClock(100, 0);
    expect(clock.update(50, 1499)).toEqual({ fraction: 0.5, etaSec: null, speed: null });
    expect(clock.update(1.9, 10_000)).toEqual({ fraction: 0.019, etaSec: null, speed: null });
    expect(clock.update(2, 1500).etaSec).toBeCloseTo(73.5, 6);
  });

  it('clamps the fraction to 0..1 and has nothing left at the end', () => {
    const clock = new ProgressClock(10, 0);
    expect(clock.update(-1, 5000)).toEqual({ fraction: 0, etaSec: null, speed: null });
    expect(clock.update(NaN, 5000).fraction).toBe(0);
    expect(clock.update(12, 5000)).toEqual({ fraction: 1, etaSec: 0, speed: 2 });
    // Done at once (a tiny file): no time elapsed, no pace to report.
    expect(clock.update(10, 0)).toEqual({ fraction: 1, etaSec: 0, speed: null });
  });

  it('refuses a duration that is not a positive number', () => {
    for (const bad of [0, -5, NaN, Infinity]) expect(() => new ProgressClock(bad, 0)).toThrow(RangeError);
  });
});
