/**
 * Why the browser could not decode an image file, in words a person can act on. createImageBitmap only says
 * "The source image could not be decoded", whatever the cause; the file's first and last bytes say more.
 */
import type { ImageHeader } from './image-header';

/** Bytes of the file's end to read: PNG's IEND chunk is 12, JPEG's EOI marker 2 (plus any padding). */
export const TAIL_BYTES = 64;

/**
 * The reason a file that failed to decode is unreadable. `head` is its first bytes, `tail` its last TAIL_BYTES,
 * `header` what image-header.ts read from the head, `type` the MIME type it came with, `detail` the decoder's
 * own message.
 */
export function undecodableReason(
  head: Uint8Array,
  tail: Uint8Array,
  header: ImageHeader | null,
  type: string,
  detail: string,
): string {
  if (isSvg(head, type)) return 'SVG drawings are not supported: export it as PNG or JPEG';
  if (!header) {
    return `not an image: its first bytes match no image format (it came as ${type || 'an unknown type'})`;
  }
  const format = header.format.toUpperCase();
  const size = `${header.width} x ${header.height}`;
  const early = endsEarly(header.format, tail);
  if (early) return `the ${format} file (${size}) is truncated: ${early}`;
  return `the ${format} file (${size}) is corrupt: ${detail}`;
}

/** True for an SVG file: by its MIME type, or text that starts an <svg> element (after an XML declaration). */
export function isSvg(head: Uint8Array, type = ''): boolean {
  if (type === 'image/svg+xml') return true;
  const start = new TextDecoder()
    .decode(head.subarray(0, 256))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^<svg[\s>]/i.test(start) || (/^<\?xml/i.test(start) && /<svg[\s>]/i.test(start));
}

/** How a PNG or JPEG whose last bytes are `tail` ends early (no end marker); null when it ends properly. */
export function endsEarly(format: ImageHeader['format'], tail: Uint8Array): string | null {
  if (format === 'png' && !endsWith(tail, [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])) {
    return 'it ends before its IEND chunk';
  }
  if (format === 'jpeg' && !endsWithin(tail, [0xff, 0xd9])) return 'it ends before its end-of-image marker';
  return null;
}

function endsWith(bytes: Uint8Array, suffix: readonly number[]): boolean {
  const at = bytes.length - suffix.length;
  return at >= 0 && suffix.every((b, i) => bytes[at + i] === b);
}

/** JPEG writers may pad after EOI; accept the marker anywhere in the tail. */
function endsWithin(bytes: Uint8Array, marker: readonly number[]): boolean {
  for (let at = bytes.length - marker.length; at >= 0; at--) {
    if (marker.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}
