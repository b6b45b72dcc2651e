/**
 * A model's loads as the report gives them: the later reloads (a returning visitor's load, faster than the first
 * reload) summarised field by field, and the warm figure the targets
 * judge: their median first caption, else the single first reload's in reports without later reloads.
 */
import type { LoadRuns, LoadTiming } from './bench-types';
import { median } from './stats';

const medianOf = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === values.length && known.length > 0 ? median(known) : null;
};

/** The median of each field over `runs.later`; null without later reloads. */
export function laterLoad(runs: LoadRuns): LoadTiming | null {
  const later = runs.later ?? [];
  if (later.length === 0) return null;
  const field = (pick: (t: LoadTiming) => number | null) => medianOf(later.map(pick));
  return {
    readyMs: field((t) => t.readyMs)!,
    firstCaptionMs: field((t) => t.firstCaptionMs)!,
    cachedFiles: Math.min(...later.map((t) => t.cachedFiles)),
    warmupMs: field((t) => t.warmupMs),
    phases: {
      download: field((t) => t.phases.download),
      session: field((t) => t.phases.session),
      warmup: field((t) => t.phases.warmup),
    },
  };
}

/** The warm load to the first caption that the targets judge, ms, and how it was measured, in words. */
export function warmLoadFigure(runs: LoadRuns): { ms: number | null; note: string | null } {
  const later = laterLoad(runs);
  if (!later) return { ms: runs.warm?.firstCaptionMs ?? null, note: null };
  const first = runs.warm ? `; the first reload ${(runs.warm.firstCaptionMs / 1000).toFixed(2)} s` : '';
  return { ms: later.firstCaptionMs, note: `median of ${runs.later!.length} later reloads${first}` };
}
