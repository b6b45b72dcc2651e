import { describe, expect, it } from 'vitest';
import { selectRegions } from './regions';

const G = 8;
const base = { grid: G, size: 256, window: 64, nmsRadius: 1 };

function heatWith(cells: Record<string, number>, grid = G): number[] {
  const heat = new Array<number>(grid * grid).fill(0);
  for (const [key, value] of Object.entries(cells)) {
    const [row, col] = key.split(',').map(Number);
    heat[row * grid + col] = value;
  }
  return heat;
}

describe('selectRegions', () => {
  it('centres the window on a lone peak: x0 = (col + 0.5) * 32 - 32', () => {
    const [region] = selectRegions(heatWith({ '2,3': 1 }), { ...base, k: 1 });
    expect(region).toMatchObject({ row: 2, col: 3, cx: 3, cy: 2, x0: 80, y0: 48, window: 64, score: 1 });
  });

  it('uses the heat-weighted centroid of the 3x3 neighbourhood', () => {
    // (4,4)=3 and (4,5)=1: cx = (4*3 + 5*1)/4 = 4.25 -> x0 = 4.75*32 - 32 = 120; (6,6) is outside the 3x3.
    const [region] = selectRegions(heatWith({ '4,4': 3, '4,5': 1, '6,6': 2 }), { ...base, k: 1 });
    expect(region.cx).toBe(4.25);
    expect(region.cy).toBe(4);
    expect([region.x0, region.y0]).toEqual([120, 112]);
    expect(region.score).toBeCloseTo(3 / 6);
  });

  it('clamps windows at the borders', () => {
    const regions = selectRegions(heatWith({ '0,0': 2, '7,7': 1 }), { ...base, k: 2 });
    expect(regions.map((r) => [r.x0, r.y0])).toEqual([
      [0, 0], // 0.5*32 - 32 = -16 -> 0
      [192, 192], // 7.5*32 - 32 = 208 -> 256 - 64
    ]);
  });

  it('breaks ties by the lowest row-major index', () => {
    const regions = selectRegions(heatWith({ '6,1': 1, '1,6': 1 }), { ...base, k: 2 });
    expect(regions.map((r) => [r.row, r.col])).toEqual([
      [1, 6],
      [6, 1],
    ]);
  });

  it('suppresses cells within the Chebyshev radius', () => {
    const heat = heatWith({ '2,2': 1, '3,3': 0.9, '6,6': 0.5 });
    expect(selectRegions(heat, { ...base, k: 2 }).map((r) => [r.row, r.col])).toEqual([
      [2, 2],
      [6, 6],
    ]);
    expect(selectRegions(heat, { ...base, k: 2, nmsRadius: 0 }).map((r) => [r.row, r.col])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    // radius 2 reaches (4,4) but not (5,5)
    const far = heatWith({ '2,2': 1, '4,4': 0.9, '5,5': 0.8 });
    expect(selectRegions(far, { ...base, k: 2, nmsRadius: 2 }).map((r) => [r.row, r.col])).toEqual([
      [2, 2],
      [5, 5],
    ]);
  });

  it('ends early once the remaining heat is 0 and a suppressed cell wins the tie', () => {
    // (0,0) is chosen and zeroed with its neighbours; every cell is then 0 and index 0 is suppressed.
    expect(selectRegions(heatWith({ '0,0': 1 }), { ...base, k: 3 }).length).toBe(1);
  });

  it('takes an unsuppressed zero cell that wins the tie, centred on the cell itself', () => {
    // After (7,7), all cells are 0 and index 0 is not suppressed: (0,0) is chosen, then the search ends.
    const regions = selectRegions(heatWith({ '7,7': 1 }), { ...base, k: 3 });
    expect(regions.map((r) => [r.row, r.col])).toEqual([
      [7, 7],
      [0, 0],
    ]);
    expect(regions[1]).toMatchObject({ cx: 0, cy: 0, x0: 0, y0: 0, score: 0 });
  });

  it('stops when every cell is suppressed', () => {
    const regions = selectRegions([1, 0.5, 0.2, 0.1], { grid: 2, size: 16, window: 8, nmsRadius: 1, k: 3 });
    expect(regions.length).toBe(1);
  });

  it('rounds a half pixel up, as training/regions.py (js_round)', () => {
    // grid 4, cell 4 px, window 8: x0 = 4*cx - 2; cols 1 and 2 weighted 7:1 give cx = 1.125 -> 2.5 -> 3
    const heat = heatWith({ '1,1': 7, '1,2': 1 }, 4);
    const [region] = selectRegions(heat, { grid: 4, size: 16, window: 8, nmsRadius: 1, k: 1 });
    expect(region.cx).toBe(1.125);
    expect(region.x0).toBe(3);
  });
});
