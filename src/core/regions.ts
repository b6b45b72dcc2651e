/** A region chosen for the second look, in model-square pixels. */
export interface Region {
  /** Top-left of the `window x window` crop, whole pixels of the model square. */
  x0: number;
  y0: number;
  window: number;
  /** The chosen heat-map cell. */
  row: number;
  col: number;
  /** Heat-weighted centroid of the 3x3 cells around it, in cell units (column, row). */
  cx: number;
  cy: number;
  /** The chosen cell's share of the whole heat map (0..1; 0 when the map is empty). */
  score: number;
}

export interface RegionOptions {
  /** Regions wanted (fewer come back when every cell is suppressed first). */
  k: number;
  /** Cells per side of the heat map (G). */
  grid: number;
  /** Side of the model square, px. */
  size: number;
  /** Side of a crop, px. */
  window: number;
  /** Chebyshev radius, in cells, suppressed around each chosen cell. */
  nmsRadius: number;
}

/**
 * Step 6 of docs/model-format.md, as training/regions.py does it: top-k cells with non-maximum suppression.
 * Each round takes the highest cell of a working copy (ties: lowest row-major index) and stops when that cell is
 * already suppressed; it centres a window on the heat-weighted centroid of the original map's 3x3 neighbourhood
 * (an all-zero neighbourhood: the cell itself) and suppresses the cells within `nmsRadius` by setting them to 0
 * in the working copy. So once the remaining heat is 0, the lowest suppressed cell wins the tie and the search
 * ends early: a concentrated map gives fewer than k regions.
 */
export function selectRegions(heat: ArrayLike<number>, options: RegionOptions): Region[] {
  const { k, grid: G, size, window, nmsRadius } = options;
  const working = Float64Array.from(heat);
  const suppressed = new Uint8Array(G * G);
  let total = 0;
  for (let i = 0; i < G * G; i++) total += heat[i];
  const regions: Region[] = [];
  for (let round = 0; round < k; round++) {
    let best = 0;
    for (let i = 1; i < G * G; i++) if (working[i] > working[best]) best = i;
    if (suppressed[best]) break;
    const row = Math.floor(best / G);
    const col = best % G;
    const { cx, cy } = centroid(heat, G, row, col);
    const cell = size / G;
    // Halves round up, exactly as js_round in training/regions.py, so both pick the same pixels.
    const x0 = clamp(Math.floor((cx + 0.5) * cell - window / 2 + 0.5), 0, size - window);
    const y0 = clamp(Math.floor((cy + 0.5) * cell - window / 2 + 0.5), 0, size - window);
    regions.push({ x0, y0, window, row, col, cx, cy, score: total > 0 ? heat[best] / total : 0 });
    for (let r = Math.max(0, row - nmsRadius); r <= Math.min(G - 1, row + nmsRadius); r++) {
      for (let c = Math.max(0, col - nmsRadius); c <= Math.min(G - 1, col + nmsRadius); c++) {
        suppressed[r * G + c] = 1;
        working[r * G + c] = 0;
      }
    }
  }
  return regions;
}

function centroid(heat: ArrayLike<number>, G: number, row: number, col: number): { cx: number; cy: number } {
  let weight = 0;
  let sx = 0;
  let sy = 0;
  for (let r = Math.max(0, row - 1); r <= Math.min(G - 1, row + 1); r++) {
    for (let c = Math.max(0, col - 1); c <= Math.min(G - 1, col + 1); c++) {
      const h = heat[r * G + c];
      weight += h;
      sx += h * c;
      sy += h * r;
    }
  }
  return weight > 0 ? { cx: sx / weight, cy: sy / weight } : { cx: col, cy: row };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
