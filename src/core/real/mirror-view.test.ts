import { describe, expect, it } from 'vitest';
import { CENTERNET_STRIDE, type CenternetRaw, centernetRows } from './centernet-decode';
import { combineViews, mirrorNhwc, unmirrorRaw } from './mirror-view';

const C = 80;
const GRID = 8;
/** Input side in px for an 8-cell grid. */
const S = GRID * CENTERNET_STRIDE;

/** A detector output with one box of class `c` at `score`, as a perfect detector would give it (input px). */
function rawFor(boxes: { x1: number; y1: number; x2: number; y2: number; c: number; score: number }[]): CenternetRaw {
  const heatmap = new Float32Array(GRID * GRID * C);
  const wh = new Float32Array(GRID * GRID * 4);
  for (const b of boxes) {
    // The peak sits in the cell holding the box centre; distances are measured from that cell's corner.
    const x = Math.floor((b.x1 + b.x2) / 2 / CENTERNET_STRIDE);
    const y = Math.floor((b.y1 + b.y2) / 2 / CENTERNET_STRIDE);
    heatmap[(y * GRID + x) * C + b.c] = b.score;
    const cx = x * CENTERNET_STRIDE;
    const cy = y * CENTERNET_STRIDE;
    wh.set([cx - b.x1, cy - b.y1, b.x2 - cx, b.y2 - cy], (y * GRID + x) * 4);
  }
  return { heatmap, wh, gridH: GRID, gridW: GRID };
}

/** The same box seen in the input mirrored left to right (continuous coordinates: t -> S - t). */
function mirrored<T extends { x1: number; x2: number }>(b: T): T {
  return { ...b, x1: S - b.x2, x2: S - b.x1 };
}

describe('mirrorNhwc', () => {
  it('reverses each row and keeps each pixel’s channels together', () => {
    // 2 rows x 3 columns x 2 channels: pixel (y, x) holds [10y + x, -(10y + x)].
    const data = [0, -0, 1, -1, 2, -2, 10, -10, 11, -11, 12, -12];
    expect(Array.from(mirrorNhwc(data, 2, 3, 2))).toEqual([2, -2, 1, -1, 0, -0, 12, -12, 11, -11, 10, -10]);
  });

  it('twice is the identity, and a wrong shape is refused', () => {
    const data = Float32Array.from({ length: 4 * 5 * 3 }, (_, i) => i * 0.5);
    expect(mirrorNhwc(mirrorNhwc(data, 4, 5, 3), 4, 5, 3)).toEqual(data);
    expect(() => mirrorNhwc(data, 4, 4, 3)).toThrow(RangeError);
  });
});

describe('unmirrorRaw and combineViews: a still image’s two views', () => {
  /** `raw` of the input and `mirrored` of the same input mirrored left to right, as glance.ts combines them. */
  const combineMirrored = (raw: CenternetRaw, mirrored: CenternetRaw) => combineViews(raw, unmirrorRaw(mirrored));

  it('maps the mirrored view’s box back onto the frame exactly (the 4 px corner shift included)', () => {
    // An off-centre box, its centre inside a cell (x 13: cell 3, mirrored 19: cell 4 = 8 - 1 - 3).
    const box = { x1: 5, y1: 6, x2: 21, y2: 26, c: 16, score: 0.6 };
    const combined = combineMirrored(rawFor([box]), rawFor([mirrored(box)]));
    const rows = centernetRows(combined);
    expect(rows).toHaveLength(1);
    const [x1, y1, x2, y2, score, c] = rows[0];
    expect([x1, y1, x2, y2]).toEqual([5, 6, 21, 26]);
    expect([score, c]).toEqual([expect.closeTo(0.6, 6), 16]);
  });

  it('keeps the better score of the two views, per cell and class', () => {
    const seenLeft = { x1: 2, y1: 2, x2: 10, y2: 10, c: 0, score: 0.3 };
    const seenRight = { x1: 20, y1: 2, x2: 30, y2: 12, c: 41, score: 0.25 };
    const first = rawFor([seenLeft, { ...seenRight, score: 0.1 }]);
    const second = rawFor([mirrored({ ...seenLeft, score: 0.45 }), mirrored(seenRight)]);
    const rows = centernetRows(combineMirrored(first, second));
    expect(rows.map((r) => [r[5], r[4]])).toEqual([
      [0, expect.closeTo(0.45, 6)],
      [41, expect.closeTo(0.25, 6)],
    ]);
  });

  it('averages the two views’ box distances when they disagree', () => {
    const box = { x1: 10, y1: 8, x2: 24, y2: 24, c: 2, score: 0.7 };
    // The mirrored view sees the box reach 4 px further on its right, i.e. 4 px further left in the frame.
    const second = rawFor([mirrored(box)]);
    const cell = (Math.floor(16 / CENTERNET_STRIDE) * GRID + (GRID - 1 - Math.floor(17 / CENTERNET_STRIDE))) * 4;
    second.wh = Float32Array.from(second.wh, (d, i) => (i === cell + 2 ? d + 4 : d));
    const rows = centernetRows(combineMirrored(rawFor([box]), second));
    expect(rows).toHaveLength(1);
    expect([rows[0][0], rows[0][2]]).toEqual([8, 24]);
  });

  it('refuses two views of different grids', () => {
    const other = { ...rawFor([]), gridW: 4, heatmap: new Float32Array(GRID * 4 * C), wh: new Float32Array(GRID * 16) };
    expect(() => combineMirrored(rawFor([]), other)).toThrow(RangeError);
  });
});
