/** Display formatting shared by the views. */

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** 1536 -> "1.5 KB", 5_000_000 -> "4.8 MB" (binary multiples, as download sizes are usually shown). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** 12.34 -> "12 ms", 1234 -> "1.23 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Wall-clock time of day, "14:03:07", for log entries. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A position in a video or clip: 65.34 -> "1:05", or "1:05.3" with tenths. Rounded before it is split, so 59.96 s
 * reads "1:00.0", never "0:60.0". Negative times read as 0.
 */
export function formatMediaTime(sec: number, tenths = false): string {
  const units = tenths ? Math.round(Math.max(0, sec) * 10) : Math.floor(Math.max(0, sec));
  const perMinute = tenths ? 600 : 60;
  const minutes = Math.floor(units / perMinute);
  const rest = units - minutes * perMinute;
  return `${minutes}:${tenths ? (rest / 10).toFixed(1).padStart(4, '0') : String(rest).padStart(2, '0')}`;
}
