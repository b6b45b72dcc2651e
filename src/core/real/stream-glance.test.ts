import { describe, expect, it } from 'vitest';
import type { CenternetRaw } from './centernet-decode';
import type { DetectorInput } from './detector-input';
import { blockLuma, steadyCells, StreamGlance } from './stream-glance';
import { GLANCE_STEADY_GRID } from './constants';

const C = 80;
const SIZE = 64;
/** Heat-map cells per side for a 64 px input (stride 4). */
const CELLS = SIZE / 4;

/** A grey input square with an optional bright rectangle (input px). */
function input(grey: number, bright?: { x: number; y: number; w: number; h: number; value: number }): DetectorInput {
  const data = new Float32Array(SIZE * SIZE * 3).fill(grey);
  if (bright) {
    for (let y = bright.y; y < bright.y + bright.h; y++)
      for (let x = bright.x; x < bright.x + bright.w; x++)
        data.fill(bright.value, (y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3);
  }
  return { size: SIZE, data, toFrame: { scale: 1, x0: 0, y0: 0, padX: 0, padY: 0 } };
}

/** A raw output with one class score at one cell and the same box distances everywhere. */
function raw(cell: { x: number; y: number }, score: number, d = 8, also?: { x: number; y: number }): CenternetRaw {
  const heatmap = new Float32Array(CELLS * CELLS * C);
  heatmap[(cell.y * CELLS + cell.x) * C] = score;
  if (also) heatmap[(also.y * CELLS + also.x) * C] = score;
  return { heatmap, wh: new Float32Array(CELLS * CELLS * 4).fill(d), gridH: CELLS, gridW: CELLS };
}

const scoreAt = (r: CenternetRaw, cell: { x: number; y: number }) => r.heatmap[(cell.y * CELLS + cell.x) * C];

describe('blockLuma and steadyCells', () => {
  it('reads each block’s mean luma', () => {
    const luma = blockLuma(input(100, { x: 0, y: 0, w: 32, h: 32, value: 200 }).data, SIZE, 2);
    expect(Array.from(luma)).toEqual([200, 100, 100, 100].map((v) => expect.closeTo(v, 3)));
  });

  it('marks the cells under a moved block and its neighbours, keeps the rest', () => {
    const before = blockLuma(input(100).data, SIZE);
    // One 2 x 2 px spot at input (10, 10): block (5, 5) of 32, cells (2, 2) of 16.
    const now = blockLuma(input(100, { x: 10, y: 10, w: 2, h: 2, value: 255 }).data, SIZE);
    const cells = steadyCells(before, now, CELLS, CELLS)!;
    expect(cells).not.toBeNull();
    // Blocks 4..6 hold input px 8..13, i.e. cells 2..3: those go; a cell two blocks away stays.
    expect(cells[2 * CELLS + 2]).toBe(0);
    expect(cells[3 * CELLS + 3]).toBe(0);
    expect(cells[2 * CELLS + 5]).toBe(1);
    expect(cells[10 * CELLS + 10]).toBe(1);
    expect(cells.reduce((a, b) => a + b, 0)).toBeGreaterThan(CELLS * CELLS - 16);
  });

  it('says nothing is steady when the whole picture brightened, and refuses mismatched grids', () => {
    expect(steadyCells(blockLuma(input(100).data, SIZE), blockLuma(input(110).data, SIZE), CELLS, CELLS)).toBeNull();
    expect(() => steadyCells(new Float32Array(4), new Float32Array(GLANCE_STEADY_GRID ** 2), CELLS, CELLS)).toThrow(
      RangeError,
    );
  });
});

describe('StreamGlance', () => {
  const cell = { x: 12, y: 12 };

  it('alternates the view from a stream’s second frame, and starts over for another stream', () => {
    const memory = new StreamGlance();
    expect(memory.mirroredNext('a', SIZE)).toBe(false);
    memory.combine('a', input(100), raw(cell, 0.3), false);
    expect(memory.mirroredNext('a', SIZE)).toBe(true);
    memory.combine('a', input(100), raw(cell, 0.3), true);
    expect(memory.mirroredNext('a', SIZE)).toBe(false);
    expect(memory.mirroredNext('b', SIZE)).toBe(false);
    expect(memory.mirroredNext('a', 2 * SIZE)).toBe(false);
  });

  it('keeps the better score of the two frames’ views where the picture held still', () => {
    const memory = new StreamGlance();
    const first = memory.combine('a', input(100), raw(cell, 0.45), false);
    expect(scoreAt(first, cell)).toBeCloseTo(0.45, 6);
    const second = memory.combine('a', input(100), raw(cell, 0.3, 12), true);
    expect(scoreAt(second, cell)).toBeCloseTo(0.45, 6);
    expect(second.wh[(cell.y * CELLS + cell.x) * 4]).toBe(10);
    // The third frame combines with the second's own view (0.3), not with what the second frame showed (0.45).
    const third = memory.combine('a', input(100), raw(cell, 0.2), false);
    expect(scoreAt(third, cell)).toBeCloseTo(0.3, 6);
  });

  it('keeps this frame’s view alone where something moved, or for another stream, or the same view twice', () => {
    const moving = new StreamGlance();
    const far = { x: 2, y: 2 };
    moving.combine('a', input(100), raw(cell, 0.45, 8, far), false);
    // Something bright entered around the object (input px 46..53, cells 11..13), nowhere near the far one.
    const moved = moving.combine(
      'a',
      input(100, { x: 46, y: 46, w: 8, h: 8, value: 250 }),
      raw(cell, 0.1, 8, far),
      true,
    );
    expect(scoreAt(moved, cell)).toBeCloseTo(0.1, 6);
    expect(scoreAt(moved, far)).toBeCloseTo(0.45, 6);

    const other = new StreamGlance();
    other.combine('a', input(100), raw(cell, 0.45), false);
    expect(scoreAt(other.combine('b', input(100), raw(cell, 0.1), false), cell)).toBeCloseTo(0.1, 6);
    expect(scoreAt(other.combine('b', input(100), raw(cell, 0.05), false), cell)).toBeCloseTo(0.05, 6);
  });
});
