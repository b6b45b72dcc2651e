/**
 * Whether two equally long arrays of pixel values (or signatures of them) show the same content, within a
 * camera's noise: no value moved more than `maxDiff` (something came in) and the mean moved `maxMeanDiff` or
 * less (the whole picture shifted, as auto exposure does). Both live-stream memories (region-memory.ts,
 * real/look-memory.ts) decide with it whether a kept result still holds.
 */
export function unchanged(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  limits: { maxDiff: number; maxMeanDiff: number },
): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > limits.maxDiff) return false;
    total += d;
  }
  return total / a.length <= limits.maxMeanDiff;
}
