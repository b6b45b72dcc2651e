import { describe, expect, it } from 'vitest';
import { accumulateSaliency } from './saliency';

describe('accumulateSaliency', () => {
  const content = [7, 8];

  it('adds each content step row normalised to sum 1 over the image positions', () => {
    // grid 2 -> T = 4 image positions; rows carry extra non-image positions that must be ignored.
    const tokens = [7, 5, 8];
    const rows = [
      [2, 2, 0, 0, 100],
      [0, 0, 0, 9, 100], // token 5 is not a content word
      [0, 1, 0, 3, 100],
    ];
    const heat = accumulateSaliency(tokens, rows, content, 2);
    expect(Array.from(heat)).toEqual([0.5, 0.5 + 0.25, 0, 0.75]);
  });

  it('skips a token that was never fed and rows with no mass on the image', () => {
    const heat = accumulateSaliency(
      [7, 8, 7],
      [
        [0, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      content,
      2,
    );
    expect(Array.from(heat)).toEqual([1, 0, 0, 0]);
  });

  it('is all zeros without content words', () => {
    expect(
      Array.from(
        accumulateSaliency(
          [1, 2],
          [
            [1, 1, 1, 1],
            [1, 1, 1, 1],
          ],
          content,
          2,
        ),
      ),
    ).toEqual([0, 0, 0, 0]);
  });
});
