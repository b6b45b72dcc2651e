/**
 * A second view of the glance: the same detector input mirrored left to right, its outputs mapped back and
 * combined with the first view's (test-time flipping, as CenterNet's own evaluation does). A detector scores an
 * object differently in the two views; taking the better score finds objects one view scored just under the
 * threshold and settles which class an unsure box is (measured on the 'tune' photos: docs/real-photos.md).
 *
 * Geometry: mirroring an S-px-wide input maps pixel column u to S - 1 - u, so heat-map cell x (input columns
 * 4x..4x+3) lands exactly on cell gw - 1 - x. `wh` holds the distances from the cell's corner (4x, 4y) to the box's
 * left, top, right and bottom edges; in the mirrored view the corner of that cell lies 4 px to the other side of
 * the box, so left = right' - 4 and right = left' + 4 (top and bottom are unchanged).
 */
import { CENTERNET_CLASSES, CENTERNET_STRIDE, type CenternetRaw } from './centernet-decode';

/** An NHWC image of `width` columns and `channels` values a pixel, mirrored left to right (a new array). */
export function mirrorNhwc(data: ArrayLike<number>, height: number, width: number, channels: number): Float32Array {
  if (data.length !== height * width * channels) throw new RangeError('data size does not match the shape');
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * channels;
      const to = (y * width + (width - 1 - x)) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c];
    }
  return out;
}

/** Typed-array reads keep the loops below fast; a backend's outputs already are Float32Arrays. */
const asFloat32 = (a: ArrayLike<number>): Float32Array => (a instanceof Float32Array ? a : Float32Array.from(a));

/**
 * The two views' outputs as one: each cell and class keeps the higher score of the two views (the mirrored one
 * mapped back), and the box distances are the two views' mean. Both raws must have the same grid.
 */
export function combineMirrored(raw: CenternetRaw, mirrored: CenternetRaw): CenternetRaw {
  const { gridH: gh, gridW: gw } = raw;
  if (mirrored.gridH !== gh || mirrored.gridW !== gw) throw new RangeError('the two views have different grids');
  const C = CENTERNET_CLASSES;
  // One pass, no mirrored copy: this runs over 128 x 128 x 80 scores per still image.
  const heat = new Float32Array(raw.heatmap);
  const heatMirrored = asFloat32(mirrored.heatmap);
  const wh = new Float32Array(raw.wh);
  const whMirrored = asFloat32(mirrored.wh);
  for (let y = 0; y < gh; y++)
    for (let x = 0; x < gw; x++) {
      const cell = y * gw + x;
      const back = y * gw + (gw - 1 - x);
      const to = cell * C;
      const from = back * C;
      for (let c = 0; c < C; c++) {
        const v = heatMirrored[from + c];
        if (v > heat[to + c]) heat[to + c] = v;
      }
      const a = cell * 4;
      const b = back * 4;
      const left = (wh[a] + whMirrored[b + 2] - CENTERNET_STRIDE) / 2;
      const right = (wh[a + 2] + whMirrored[b] + CENTERNET_STRIDE) / 2;
      wh[a] = left;
      wh[a + 1] = (wh[a + 1] + whMirrored[b + 1]) / 2;
      wh[a + 2] = right;
      wh[a + 3] = (wh[a + 3] + whMirrored[b + 3]) / 2;
    }
  return { heatmap: heat, wh, gridH: gh, gridW: gw };
}
