/**
 * Summary statistics of timing samples. Percentiles interpolate linearly between the two nearest ranks
 * (numpy's default, "type 7"): the median of an even count is the mean of the two middle values, and p95 of
 * 20 samples lies between the 19th and 20th smallest.
 */

/** What a list of samples (ms, bytes, ...) is reported as. */
export interface Summary {
  n: number;
  median: number;
  /** Quartiles: the spread of the middle half of the samples. */
  p25: number;
  p75: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** The `p`-th percentile (0..100) of `values`; throws on an empty list or a non-finite value. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  if (values.some((v) => !Number.isFinite(v))) throw new Error('percentile of a non-finite value');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Median, quartiles, p95, min, max and mean of at least one sample. */
export function summarize(values: readonly number[]): Summary {
  const median50 = percentile(values, 50);
  return {
    n: values.length,
    median: median50,
    p25: percentile(values, 25),
    p75: percentile(values, 75),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
    mean: values.reduce((sum, v) => sum + v, 0) / values.length,
  };
}

/** `summarize`, or null for no samples (a measurement that did not run). */
export function summarizeOrNull(values: readonly number[]): Summary | null {
  return values.length === 0 ? null : summarize(values);
}

/** a / b, or null when either is missing or b is not positive (a ratio that cannot be stated). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}
