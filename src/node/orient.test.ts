import { describe, expect, it } from 'vitest';
import { applyOrientation } from './orient';

/**
 * A 3 x 2 single-channel-like picture (RGB with equal channels) whose values spell their stored position:
 *   1 2 3
 *   4 5 6
 */
const STORED = {
  data: Uint8Array.from([1, 2, 3, 4, 5, 6].flatMap((v) => [v, v, v])),
  width: 3,
  height: 2,
  channels: 3 as const,
};

/** The picture's rows after orientation, as values. */
function rows(orientation: number): number[][] {
  const out = applyOrientation(STORED, orientation);
  return Array.from({ length: out.height }, (_, y) =>
    Array.from({ length: out.width }, (_, x) => out.data[(y * out.width + x) * 3]),
  );
}

describe('applyOrientation', () => {
  it('follows the EXIF definitions (the picture as a viewer shows it)', () => {
    expect(rows(1)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(rows(2)).toEqual([
      [3, 2, 1],
      [6, 5, 4],
    ]);
    expect(rows(3)).toEqual([
      [6, 5, 4],
      [3, 2, 1],
    ]);
    expect(rows(4)).toEqual([
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(rows(5)).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    // 6: turned 90 degrees clockwise, the stored left column becomes the top row.
    expect(rows(6)).toEqual([
      [4, 1],
      [5, 2],
      [6, 3],
    ]);
    expect(rows(7)).toEqual([
      [6, 3],
      [5, 2],
      [4, 1],
    ]);
    expect(rows(8)).toEqual([
      [3, 6],
      [2, 5],
      [1, 4],
    ]);
  });

  it('returns the image itself for 1 and for values outside 1-8', () => {
    expect(applyOrientation(STORED, 1)).toBe(STORED);
    expect(applyOrientation(STORED, 0)).toBe(STORED);
    expect(applyOrientation(STORED, 9)).toBe(STORED);
  });
});
