import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, summarize, summarizeOrNull } from './stats';

describe('percentile and median', () => {
  it('takes the middle value of an odd count, whatever the input order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([9, 5, 1, 7, 3])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('interpolates p95 between the nearest ranks', () => {
    // 1..20: rank 0.95 * 19 = 18.05 -> 19 + 0.05 * (20 - 19)
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 95)).toBeCloseTo(19.05, 12);
    // two values: rank 0.95 -> 10 + 0.95 * 10
    expect(percentile([20, 10], 95)).toBeCloseTo(19.5, 12);
    // 1..21 (odd): rank 0.95 * 20 = 19 exactly -> the 20th smallest
    expect(
      percentile(
        Array.from({ length: 21 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(20);
  });

  it('gives the only value for one sample, and the extremes at 0 and 100', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([5, 1, 9], 0)).toBe(1);
    expect(percentile([5, 1, 9], 100)).toBe(9);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses no values, a non-finite value and a percentile outside 0..100', () => {
    expect(() => median([])).toThrow(/no values/);
    expect(() => median([1, Number.NaN])).toThrow(/non-finite/);
    expect(() => percentile([1], 101)).toThrow(/0..100/);
  });
});

describe('summarize', () => {
  it('reports count, median, p95, min, max and mean', () => {
    // p95: rank 0.95 * 3 = 2.85 -> 3 + 0.85 * (4 - 3)
    const s = summarize([4, 1, 3, 2]);
    expect(s).toMatchObject({ n: 4, median: 2.5, min: 1, max: 4, mean: 2.5 });
    expect(s.p95).toBeCloseTo(3.85, 12);
  });

  it('is null for no samples', () => {
    expect(summarizeOrNull([])).toBeNull();
    expect(summarizeOrNull([2])?.median).toBe(2);
  });
});

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(120, 100)).toBeCloseTo(1.2, 12);
  });

  it('is null when a side is missing or the denominator is not positive', () => {
    expect(ratio(null, 1)).toBeNull();
    expect(ratio(1, undefined)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });
});
