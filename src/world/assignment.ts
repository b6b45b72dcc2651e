/**
 * Maximum-weight one-to-one assignment (the Hungarian algorithm, O(n^3)), for matching predicted to true objects.
 * Pairs of weight 0 count as "not matched", so a caller marks impossible pairs with 0.
 */

/**
 * For a rows x cols matrix of non-negative weights, returns for each row the column it is assigned (or -1), such
 * that the sum of the weights of assigned pairs is largest. Only pairs of positive weight are returned as assigned.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): number[] {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : weights[0].length;
  const n = Math.max(rows, cols);
  if (n === 0) return [];
  let top = 0;
  for (const row of weights) for (const w of row) top = Math.max(top, w);
  // Minimise (top - w) on an n x n matrix padded with weight 0.
  const cost = (i: number, j: number): number => top - (i < rows && j < cols ? weights[i][j] : 0);

  // Potentials u (rows), v (columns) and the column matching p, 1-based with 0 as the virtual start (e-maxx).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assigned = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = p[j] - 1;
    if (i < rows && j - 1 < cols && weights[i][j - 1] > 0) assigned[i] = j - 1;
  }
  return assigned;
}
