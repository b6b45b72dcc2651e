/**
 * Where the glance was unsure (issue 16 item 2, `look: { regions: 'doubtful' }`): the heat map of only the attribute
 * tokens pass 1 emitted with probability below the policy's threshold, and how many separate places that doubt
 * points to. The second look then crops those places only, instead of the top k of the whole caption's heat.
 *
 * Alignment as in saliency.ts: `rows[i]` is the step that fed `tokens[i]`, i.e. where the decoder looked right
 * after writing that word, the word's object; `probabilities[i]` is how likely the decoder found `tokens[i]`.
 */

/** The doubtful tokens' heat map and the number of separate places they point to. */
export interface Doubt {
  /** G x G, row-major: each doubtful token's row normalised to sum 1 over the image positions, added. */
  heat: Float64Array;
  /** Doubtful tokens that had a row with mass on the image. */
  tokens: number;
  /**
   * Separate places: each doubtful token's peak cell, grouped when within `nmsRadius` cells (Chebyshev) of a group's
   * first peak, as the region search suppresses. This is how many crops the look needs.
   */
  places: number;
}

export function doubtfulHeat(args: {
  tokens: readonly number[];
  rows: readonly ArrayLike<number>[];
  probabilities: readonly number[];
  attributeIds: ReadonlySet<number>;
  threshold: number;
  grid: number;
  nmsRadius: number;
}): Doubt {
  const { tokens, rows, probabilities, attributeIds, threshold, grid: G, nmsRadius } = args;
  const T = G * G;
  const heat = new Float64Array(T);
  const peaks: { row: number; col: number }[] = [];
  let counted = 0;
  for (let i = 0; i < rows.length && i < tokens.length; i++) {
    if (!attributeIds.has(tokens[i]) || !(probabilities[i] < threshold)) continue;
    const row = rows[i];
    let total = 0;
    let best = 0;
    for (let t = 0; t < T; t++) {
      total += row[t];
      if (row[t] > row[best]) best = t;
    }
    if (!(total > 0)) continue;
    for (let t = 0; t < T; t++) heat[t] += row[t] / total;
    counted++;
    const peak = { row: Math.floor(best / G), col: best % G };
    const near = peaks.some((p) => Math.max(Math.abs(p.row - peak.row), Math.abs(p.col - peak.col)) <= nmsRadius);
    if (!near) peaks.push(peak);
  }
  return { heat, tokens: counted, places: peaks.length };
}
