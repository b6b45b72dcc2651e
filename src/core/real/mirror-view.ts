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

/** A mirrored input's detector outputs mapped back onto the frame's orientation (cells and box distances). */
export function unmirrorRaw(mirrored: CenternetRaw): CenternetRaw {
  const { gridH: gh, gridW: gw } = mirrored;
  const heatmap = mirrorNhwc(asFloat32(mirrored.heatmap), gh, gw, CENTERNET_CLASSES);
  const back = mirrorNhwc(asFloat32(mirrored.wh), gh, gw, 4);
  const wh = new Float32Array(back.length);
  for (let i = 0; i < wh.length; i += 4) {
    wh[i] = back[i + 2] - CENTERNET_STRIDE;
    wh[i + 1] = back[i + 1];
    wh[i + 2] = back[i] + CENTERNET_STRIDE;
    wh[i + 3] = back[i + 3];
  }
  return { heatmap, wh, gridH: gh, gridW: gw };
}

/**
 * Two views of one picture, both in the frame's orientation, as one: each cell and class keeps the higher score,
 * and the box distances are the two views' mean. With `cells` (one flag per heat-map cell, row-major), only the
 * flagged cells combine; the others keep `raw`'s values. Both views must have the same grid.
 */
export function combineViews(raw: CenternetRaw, other: CenternetRaw, cells?: Uint8Array): CenternetRaw {
  const { gridH: gh, gridW: gw } = raw;
  if (other.gridH !== gh || other.gridW !== gw) throw new RangeError('the two views have different grids');
  if (cells && cells.length !== gh * gw) throw new RangeError('cells does not match the grid');
  const C = CENTERNET_CLASSES;
  // One pass over 128 x 128 x 80 scores, reading both views and writing the result (no copy first): it runs once
  // a still image and once a live frame.
  const heat = asFloat32(raw.heatmap);
  const otherHeat = asFloat32(other.heatmap);
  const boxes = asFloat32(raw.wh);
  const otherBoxes = asFloat32(other.wh);
  const heatmap = new Float32Array(heat.length);
  const wh = new Float32Array(boxes.length);
  for (let cell = 0; cell < gh * gw; cell++) {
    const both = !cells || cells[cell] === 1;
    for (let i = cell * C, end = i + C; i < end; i++) {
      const a = heat[i];
      const b = otherHeat[i];
      heatmap[i] = both && b > a ? b : a;
    }
    for (let i = cell * 4, end = i + 4; i < end; i++) wh[i] = both ? (boxes[i] + otherBoxes[i]) / 2 : boxes[i];
  }
  return { heatmap, wh, gridH: gh, gridW: gw };
}
