/** Saves text as a file through a temporary link (no server involved). */
export function downloadText(filename: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The click starts the download synchronously; revoking on the next task is safe in every current browser.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "glance-live-2026-11-05T12-00-00" style names that sort by time and are valid on every filesystem. */
export function timestampedName(prefix: string, epochMs: number, extension: string): string {
  return `${prefix}-${new Date(epochMs).toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`;
}
