import { describe, expect, it } from 'vitest';
import { unchanged } from './unchanged';

describe('unchanged', () => {
  const limits = { maxDiff: 10, maxMeanDiff: 2 };

  it('holds within both limits and fails past either', () => {
    expect(unchanged([10, 20, 30, 40], [11, 19, 31, 40], limits)).toBe(true);
    expect(unchanged([10, 20, 30, 40], [10, 20, 30, 51], limits)).toBe(false); // one value moved 11
    expect(unchanged([10, 20, 30, 40], [13, 23, 33, 43], limits)).toBe(false); // all moved 3: mean 3
  });

  it('never calls arrays of different or no length the same', () => {
    expect(unchanged([1, 2], [1, 2, 3], limits)).toBe(false);
    expect(unchanged([], [], limits)).toBe(false);
  });
});
