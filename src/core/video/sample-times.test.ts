import { describe, expect, it } from 'vitest';
import { midpoint, narrowBoundary, sampleTimes } from './sample-times';

describe('sampleTimes', () => {
  it('samples every interval from 0, strictly before the end', () => {
    expect(sampleTimes(1.7, 0.5)).toEqual([0, 0.5, 1, 1.5]);
    expect(sampleTimes(0.01, 0.5)).toEqual([0]);
  });

  it('keeps decimal intervals exact', () => {
    expect(sampleTimes(0.42, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('adds a sample just before the end when the last one is more than half an interval before it', () => {
    expect(sampleTimes(2, 0.5)).toEqual([0, 0.5, 1, 1.5, 1.95]);
    expect(sampleTimes(2.3, 0.5)).toEqual([0, 0.5, 1, 1.5, 2, 2.25]);
    expect(sampleTimes(2.25, 0.5)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(sampleTimes(9.9, 10)).toEqual([0, 9.85]);
    // A short interval keeps the end sample a quarter interval from the end.
    expect(sampleTimes(0.19, 0.1)).toEqual([0, 0.1, 0.165]);
    expect(sampleTimes(0.15, 0.1)).toEqual([0, 0.1]);
  });

  it('never gives a time at or past the end, and gives times in increasing order', () => {
    for (const [duration, interval] of [
      [0.01, 0.5],
      [1, 1],
      [7.77, 0.3],
      [60, 0.5],
      [3, 10],
    ]) {
      const times = sampleTimes(duration, interval);
      expect(times[0]).toBe(0);
      expect(times.every((t) => t >= 0 && t < duration)).toBe(true);
      expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
    }
  });

  it('refuses durations and intervals that are not positive numbers', () => {
    for (const bad of [0, -1, NaN, Infinity]) {
      expect(() => sampleTimes(bad, 0.5)).toThrow(RangeError);
      expect(() => sampleTimes(10, bad)).toThrow(RangeError);
    }
  });
});

describe('midpoint', () => {
  it('is halfway', () => {
    expect(midpoint(1, 2)).toBe(1.5);
    expect(midpoint(2, 1)).toBe(1.5);
  });
});

describe('narrowBoundary', () => {
  /** A change at `cut`: a probe shows the new scene at and after it. */
  const changeAt = (cut: number) => {
    const probes: number[] = [];
    const shows = async (t: number) => {
      probes.push(t);
      return t >= cut;
    };
    return { probes, shows };
  };

  it('lands at most (to - from) / 2^steps after the change, never before it', async () => {
    for (const cut of [1.01, 1.2, 1.25, 1.49, 1.5]) {
      const { probes, shows } = changeAt(cut);
      const found = await narrowBoundary(1, 1.5, 3, shows);
      expect(probes).toHaveLength(3);
      expect(found).toBeGreaterThanOrEqual(cut);
      expect(found - cut).toBeLessThanOrEqual(0.5 / 8 + 1e-9);
    }
  });

  it('returns the later end without probing when there are no steps', async () => {
    const { probes, shows } = changeAt(1.2);
    expect(await narrowBoundary(1, 1.5, 0, shows)).toBe(1.5);
    expect(probes).toEqual([]);
  });

  it('stops probing when the interval is below a microsecond', async () => {
    const { probes, shows } = changeAt(1);
    expect(await narrowBoundary(1, 1.000002, 20, shows)).toBe(1.000001);
    expect(probes).toEqual([1.000001]);
  });

  it('refuses bad steps and empty intervals', async () => {
    const { shows } = changeAt(1);
    await expect(narrowBoundary(1, 2, -1, shows)).rejects.toThrow(RangeError);
    await expect(narrowBoundary(1, 2, 1.5, shows)).rejects.toThrow(RangeError);
    await expect(narrowBoundary(2, 2, 3, shows)).rejects.toThrow(RangeError);
  });
});
