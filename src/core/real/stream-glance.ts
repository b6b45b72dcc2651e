/**
 * The glance's second view for a live stream, at no extra detector run: a stream's frames are glanced at
 * alternately as they are and mirrored (mirror-view.ts), and each frame's view is combined with the frame
 * before's wherever the picture has not changed between them. A webcam on a desk or a room then gets two views
 * from its second frame on (for identical frames, exactly the still image's glance); where someone moves, the moving part keeps this frame's view
 * alone, so nothing that left the picture lingers.
 *
 * "Not changed" is judged per block of the detector's input square (GLANCE_STEADY_GRID per side): the block's mean
 * luma moved no more than GLANCE_STEADY_MAX_BLOCK_DIFF, and neither did any of its eight neighbours' (an object
 * whose centre lies in a still block may reach into a moving one); and the whole picture's mean moved no more than
 * GLANCE_STEADY_MAX_MEAN_DIFF (auto exposure changes every score: no combining at all).
 */
import type { CenternetRaw } from './centernet-decode';
import type { DetectorInput } from './detector-input';
import { combineViews } from './mirror-view';
import { GLANCE_STEADY_GRID, GLANCE_STEADY_MAX_BLOCK_DIFF, GLANCE_STEADY_MAX_MEAN_DIFF } from './constants';

/** Luma samples per block side (4 x 4 per block): enough to see a hand come in, cheap on a 512 px square. */
const SAMPLES = 4;

/** Mean luma (0..255) of each block of a `grid` x `grid` split of an NHWC RGB input square. */
export function blockLuma(data: Float32Array, size: number, grid = GLANCE_STEADY_GRID): Float32Array {
  const out = new Float32Array(grid * grid);
  const step = size / grid;
  for (let by = 0; by < grid; by++)
    for (let bx = 0; bx < grid; bx++) {
      let sum = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        const y = Math.floor((by + (sy + 0.5) / SAMPLES) * step);
        for (let sx = 0; sx < SAMPLES; sx++) {
          const i = (y * size + Math.floor((bx + (sx + 0.5) / SAMPLES) * step)) * 3;
          sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        }
      }
      out[by * grid + bx] = sum / (SAMPLES * SAMPLES);
    }
  return out;
}

/**
 * One flag per heat-map cell (gridH x gridW): 1 where the cell's block and its neighbours kept their luma between
 * `before` and `now` (block grids of equal size), else 0. Null when the whole picture moved (nothing is steady).
 */
export function steadyCells(
  before: Float32Array,
  now: Float32Array,
  gridH: number,
  gridW: number,
  grid = GLANCE_STEADY_GRID,
): Uint8Array | null {
  if (before.length !== grid * grid || now.length !== grid * grid) throw new RangeError('block grids do not match');
  let total = 0;
  const moved = new Uint8Array(grid * grid);
  for (let i = 0; i < moved.length; i++) {
    const d = Math.abs(now[i] - before[i]);
    total += d;
    if (d > GLANCE_STEADY_MAX_BLOCK_DIFF) moved[i] = 1;
  }
  if (total / moved.length > GLANCE_STEADY_MAX_MEAN_DIFF) return null;
  const steadyBlock = new Uint8Array(grid * grid);
  for (let by = 0; by < grid; by++)
    for (let bx = 0; bx < grid; bx++) {
      let still = 1;
      for (let y = Math.max(0, by - 1); y <= Math.min(grid - 1, by + 1) && still; y++)
        for (let x = Math.max(0, bx - 1); x <= Math.min(grid - 1, bx + 1); x++) if (moved[y * grid + x]) still = 0;
      steadyBlock[by * grid + bx] = still;
    }
  const cells = new Uint8Array(gridH * gridW);
  for (let y = 0; y < gridH; y++) {
    const by = Math.min(grid - 1, Math.floor((y * grid) / gridH));
    for (let x = 0; x < gridW; x++) {
      cells[y * gridW + x] = steadyBlock[by * grid + Math.min(grid - 1, Math.floor((x * grid) / gridW))];
    }
  }
  return cells;
}

interface LastView {
  stream: string;
  size: number;
  mirrored: boolean;
  /** That frame's own view, in the frame's orientation (not combined: a view is never carried further). */
  raw: CenternetRaw;
  luma: Float32Array;
}

/** One captioner's live-stream glance memory: one stream at a time, as the look memory. */
export class StreamGlance {
  private last: LastView | null = null;

  /** Whether the next frame of `stream` (at this input size) is glanced at mirrored: every other frame. */
  mirroredNext(stream: string, size: number): boolean {
    const last = this.last;
    return last !== null && last.stream === stream && last.size === size && !last.mirrored;
  }

  /**
   * This frame's view (`raw`, already in the frame's orientation; `mirrored` says how it was taken) combined with
   * the frame before's where the picture held still; remembers this frame's own view for the next frame.
   */
  combine(stream: string, input: DetectorInput, raw: CenternetRaw, mirrored: boolean): CenternetRaw {
    const luma = blockLuma(input.data, input.size);
    const last = this.last;
    this.last = { stream, size: input.size, mirrored, raw, luma };
    if (!last || last.stream !== stream || last.size !== input.size || last.mirrored === mirrored) return raw;
    const cells = steadyCells(last.luma, luma, raw.gridH, raw.gridW);
    return cells ? combineViews(raw, last.raw, cells) : raw;
  }
}
