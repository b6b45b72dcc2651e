/**
 * The Live view's caption log and its exports. Pure: the log is an array of entries, one per new final caption;
 * a caption lasts until the next one starts (or until the log's end time).
 */
import { vttEscape, vttTimestamp } from '../../core/text/webvtt';

// Kept for existing importers; the helpers live in src/core/text/webvtt.ts (the video track uses them too).
export { vttEscape, vttTimestamp };

/** One caption the Live view showed. */
export interface LogEntry {
  /** When it appeared, ms since the session started (monotonic). */
  atMs: number;
  /** Wall-clock time it appeared (epoch ms), for the log's timestamps. */
  wallMs: number;
  coarse: string;
  /** null when refinement was off. */
  refined: string | null;
  /** Frame grab to final caption, ms. */
  latencyMs: number;
  backend: string;
}

/** The log keeps the newest entries; an hours-long session must not grow without bound. */
export const MAX_LOG_ENTRIES = 2000;

export function appendEntry(log: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  const next = [...log, entry];
  return next.length > MAX_LOG_ENTRIES ? next.slice(next.length - MAX_LOG_ENTRIES) : next;
}

export const entryText = (e: LogEntry): string => e.refined ?? e.coarse;

/**
 * How many entries the page lists. The log keeps MAX_LOG_ENTRIES for the exports, but a list row per caption
 * for hours would grow the page (DOM, layout, React's diff on every new caption) for rows nobody scrolls to.
 */
export const LISTED_LOG_ENTRIES = 100;

/** The newest `limit` entries, newest first: what the page lists. */
export function listedEntries(log: readonly LogEntry[], limit = LISTED_LOG_ENTRIES): LogEntry[] {
  return log.slice(Math.max(0, log.length - limit)).reverse();
}

/** Shortest cue we write: a caption replaced sooner still shows for a moment in a player. */
const MIN_CUE_MS = 1;

/**
 * The log as a WebVTT file: one cue per entry, from its appearance to the next entry's (the last one to `endMs`).
 * Cue times are monotonic and every cue has a positive duration, even if the clock stalled.
 */
export function toWebVtt(log: readonly LogEntry[], endMs: number): string {
  const lines = ['WEBVTT', ''];
  let previousEnd = 0;
  log.forEach((entry, i) => {
    const start = Math.max(Math.round(entry.atMs), previousEnd);
    const nextStart = i + 1 < log.length ? log[i + 1].atMs : endMs;
    const end = Math.max(Math.round(nextStart), start + MIN_CUE_MS);
    previousEnd = end;
    lines.push(String(i + 1), `${vttTimestamp(start)} --> ${vttTimestamp(end)}`, vttEscape(entryText(entry)), '');
  });
  return lines.join('\n');
}

/** The log as JSON: what a program reading it needs (the session start makes atMs absolute). */
export function toLogJson(log: readonly LogEntry[], session: { startedAtWallMs: number; source: string }): string {
  return JSON.stringify(
    {
      format: 'glance-live-log',
      version: 1,
      startedAt: new Date(session.startedAtWallMs).toISOString(),
      source: session.source,
      captions: log.map((e) => ({
        atMs: Math.round(e.atMs),
        time: new Date(e.wallMs).toISOString(),
        text: entryText(e),
        coarse: e.coarse,
        refined: e.refined,
        latencyMs: Math.round(e.latencyMs),
        backend: e.backend,
      })),
    },
    null,
    2,
  );
}
