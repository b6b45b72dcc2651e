/**
 * WebVTT building blocks shared by the Live log's export (src/app/live/caption-log.ts) and the video track
 * (src/core/video/video-track.ts).
 */

/** ms -> "HH:MM:SS.mmm" (WebVTT cue timing; hours may exceed 99). */
export function vttTimestamp(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const millis = total % 1000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
}

/**
 * Cue text safe for WebVTT: `&` and `<` escaped (they start entities and tags), `>` too so "-->" cannot appear,
 * and newlines folded (a blank line would end the cue).
 */
export function vttEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}
