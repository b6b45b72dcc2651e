/**
 * The Live HUD's numbers over a sliding window of finished frames: captions per second and the median latency
 * from frame grab to final caption. Pure and immutable, so React state can hold it.
 */

/** Frames older than this are forgotten: the HUD shows the recent rate, not the session's average. */
export const STATS_WINDOW_MS = 10_000;
/** At most this many latencies are kept for the median. */
export const STATS_MAX_SAMPLES = 50;

export interface FrameSample {
  /** When the caption finished, ms (monotonic). */
  doneAt: number;
  /** Frame grab to final caption, ms. */
  latencyMs: number;
}

export interface LiveStats {
  samples: readonly FrameSample[];
}

export const EMPTY_STATS: LiveStats = { samples: [] };

export function addSample(stats: LiveStats, sample: FrameSample): LiveStats {
  const fresh = stats.samples.filter((s) => sample.doneAt - s.doneAt <= STATS_WINDOW_MS);
  fresh.push(sample);
  return { samples: fresh.slice(-STATS_MAX_SAMPLES) };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function medianLatency(stats: LiveStats): number | null {
  return median(stats.samples.map((s) => s.latencyMs));
}

/**
 * Captions per second at `now`: intervals between the finished frames in the window over the time they span.
 * Null with fewer than two samples (one caption says nothing about a rate).
 */
export function captionsPerSecond(stats: LiveStats, now: number): number | null {
  const recent = stats.samples.filter((s) => now - s.doneAt <= STATS_WINDOW_MS);
  if (recent.length < 2) return null;
  const span = recent[recent.length - 1].doneAt - recent[0].doneAt;
  return span > 0 ? ((recent.length - 1) * 1000) / span : null;
}
