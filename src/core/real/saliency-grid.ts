import type { DetectorHeat } from './types';

/** Side of the heat map the result carries: the UI draws it smoothed, so 32 x 32 cells show as much as 128. */
export const SALIENCY_GRID = 32;

/**
 * The detector's class-max heat map (e.g. 128 x 128 over the glance square) pooled by max to at most
 * SALIENCY_GRID per side, normalised to sum 1 (the learned model's heat map is a distribution too).
 */
export function saliencyGrid(heat: DetectorHeat): { grid: number; values: number[] } {
  const side = heat.grid;
  const rows = heat.values.length / side;
  const grid = Math.min(SALIENCY_GRID, side);
  const values = new Array<number>(grid * grid).fill(0);
  for (let y = 0; y < rows; y++) {
    const gy = Math.min(grid - 1, Math.floor((y * grid) / rows));
    for (let x = 0; x < side; x++) {
      const gx = Math.min(grid - 1, Math.floor((x * grid) / side));
      const v = heat.values[y * side + x];
      if (v > values[gy * grid + gx]) values[gy * grid + gx] = v;
    }
  }
  const total = values.reduce((a, b) => a + b, 0);
  return { grid, values: total > 0 ? values.map((v) => v / total) : values };
}
