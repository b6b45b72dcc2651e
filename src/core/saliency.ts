/**
 * Step 5 of docs/model-format.md: the heat map of where pass 1 looked. For every decoding step whose input
 * token is a content word, that step's saliency over the image positions is normalised to sum 1 and added to
 * a G x G map (row-major, accumulated in float64).
 *
 * `rows[i]` belongs to the step that fed `tokens[i]` (as `Generation.saliency`); a token without a row (the
 * last one when a length limit stopped decoding) was never fed, so it adds nothing.
 */
export function accumulateSaliency(
  tokens: readonly number[],
  rows: readonly ArrayLike<number>[],
  contentTokenIds: readonly number[],
  grid: number,
): Float64Array {
  const T = grid * grid;
  const content = new Set(contentTokenIds);
  const heat = new Float64Array(T);
  for (let i = 0; i < rows.length && i < tokens.length; i++) {
    if (!content.has(tokens[i])) continue;
    const row = rows[i];
    let total = 0;
    for (let t = 0; t < T; t++) total += row[t];
    if (!(total > 0)) continue; // nothing on the image: no direction to add
    for (let t = 0; t < T; t++) heat[t] += row[t] / total;
  }
  return heat;
}
