/**
 * Reads an image file's pixel size (and a JPEG's EXIF orientation) from its first bytes, without decoding it,
 * so a huge image can be downscaled while it is decoded instead of after. Formats it does not know (SVG, AVIF,
 * ...) give null: they are decoded as they are.
 */

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';
  /** Stored size, before orientation. */
  width: number;
  height: number;
  /** EXIF orientation 1-8 (1 = as stored); only JPEG carries one here. */
  orientation: number;
}

/** How many leading bytes to read: JPEG's size sits after its EXIF block, which may hold a thumbnail. */
export const HEADER_BYTES = 256 * 1024;

export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  const ascii = (at: number, text: string) =>
    has(at + text.length) && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

  if (ascii(0, '\x89PNG\r\n\x1a\n') && ascii(12, 'IHDR') && has(24)) {
    return sized('png', view.getUint32(16), view.getUint32(20));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes, view);
  if ((ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) && has(10)) {
    return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
  }
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return readWebp(bytes, view, ascii);
  if (ascii(0, 'BM') && has(26)) {
    return sized('bmp', Math.abs(view.getInt32(18, true)), Math.abs(view.getInt32(22, true)));
  }
  return null;
}

/** The size after EXIF orientation: orientations 5-8 swap width and height. */
export function orientedSize(header: ImageHeader): { width: number; height: number } {
  return header.orientation >= 5 && header.orientation <= 8
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}

function sized(format: ImageHeader['format'], width: number, height: number, orientation = 1): ImageHeader | null {
  return width > 0 && height > 0 ? { format, width, height, orientation } : null;
}

function readJpeg(bytes: Uint8Array, view: DataView): ImageHeader | null {
  let orientation = 1;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) return null;
    const body = at + 4;
    if (marker === 0xe1) orientation = exifOrientation(bytes, body, length - 2) ?? orientation;
    // SOF0-SOF15 carry the size, except DHT (c4), JPG (c8) and DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (body + 5 > bytes.length) return null;
      return sized('jpeg', view.getUint16(body + 3), view.getUint16(body + 1), orientation);
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data before any size
    at = body + length - 2;
  }
  return null;
}

/** Orientation tag (0x0112) of an APP1 'Exif' segment, or null. */
function exifOrientation(bytes: Uint8Array, start: number, length: number): number | null {
  const end = Math.min(bytes.length, start + length);
  if (end - start < 14) return null;
  const isExif = [0x45, 0x78, 0x69, 0x66, 0, 0].every((b, i) => bytes[start + i] === b);
  if (!isExif) return null;
  const tiff = start + 6;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

function readWebp(bytes: Uint8Array, view: DataView, ascii: (at: number, text: string) => boolean): ImageHeader | null {
  if (bytes.length < 30) return null;
  if (ascii(12, 'VP8 ')) return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  if (ascii(12, 'VP8L')) {
    const b = view.getUint32(21, true);
    return sized('webp', (b & 0x3fff) + 1, ((b >>> 14) & 0x3fff) + 1);
  }
  if (ascii(12, 'VP8X')) {
    const u24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
    return sized('webp', u24(24) + 1, u24(27) + 1);
  }
  return null;
}
