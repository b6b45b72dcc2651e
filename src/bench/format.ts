/** How figures are written in reports and on the console. Missing values print as an en dash. */

export const MISSING = '–';

/** 12.345 -> "12.3 ms", 0.42 -> "0.42 ms", 1234 -> "1.23 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** 1.2345 -> "1.23x". */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${value.toFixed(2)}x`;
}

/** 0.1234 -> "12.3 %". */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return MISSING;
  return `${(share * 100).toFixed(digits)} %`;
}

/** Decimal units, as bundle-size tools print them: 250_000 -> "250.0 kB", 3_500_000 -> "3.50 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return MISSING;
  if (Math.abs(bytes) >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (Math.abs(bytes) >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${Math.round(bytes)} B`;
}

/** A plain number with `digits` decimals, or the missing mark. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value.toFixed(digits);
}
