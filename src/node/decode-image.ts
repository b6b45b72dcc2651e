import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { ImageDecodeError } from '../core/errors';
import type { PixelBuffer } from '../core/image/pixels';
import { type ImageHeader, readImageHeader } from '../../workers/runtime/image-header';
import { endsEarly, isSvg, TAIL_BYTES } from '../../workers/runtime/undecodable';
import { applyOrientation } from './orient';

/**
 * Largest image decoded here, in pixels. Node decodes at full size (the browser downscales while decoding), so a
 * 12,000 x 12,000 photo would take 576 MB as RGBA before being fitted to the model square: refused instead.
 */
export const MAX_DECODE_PIXELS = 50_000_000;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const OTHER_FORMATS: [string, number[]][] = [
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['WebP', [0x52, 0x49, 0x46, 0x46]],
  ['BMP', [0x42, 0x4d]],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
];

/**
 * Decodes a PNG or JPEG file to RGBA bytes. Alpha is kept in the buffer but the model ignores it (as PIL's
 * convert("RGB") in training). JPEG EXIF orientation is applied, as browsers do.
 */
export function decodeImage(bytes: Uint8Array, name = 'image'): PixelBuffer {
  if (bytes.length === 0) throw new ImageDecodeError(`${name}: file is empty`);
  const header = readImageHeader(bytes);
  const decodable = header?.format === 'png' || header?.format === 'jpeg';
  if (header && decodable && header.width * header.height > MAX_DECODE_PIXELS) {
    const megapixels = ((header.width * header.height) / 1e6).toFixed(0);
    throw new ImageDecodeError(
      `${name}: ${header.width} x ${header.height} is ${megapixels} megapixels, over the ${MAX_DECODE_PIXELS / 1e6} ` +
        'this decoder reads at full size; downscale it first (the browser app downscales while decoding)',
    );
  }
  if (startsWith(bytes, PNG_MAGIC)) return guard(name, 'PNG', bytes, header, () => pngToRgba(bytes));
  if (startsWith(bytes, JPEG_MAGIC)) {
    const image = guard(name, 'JPEG', bytes, header, () => {
      const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      return { data: decoded.data, width: decoded.width, height: decoded.height, channels: 4 };
    });
    return applyOrientation(image, header?.orientation ?? 1);
  }
  const other = OTHER_FORMATS.find(([, magic]) => startsWith(bytes, magic));
  const kind = other?.[0] ?? (isSvg(bytes) ? 'SVG' : null);
  throw new ImageDecodeError(`${name}: unsupported format${kind ? ` (${kind})` : ''}; use PNG or JPEG`);
}

function guard(
  name: string,
  format: string,
  bytes: Uint8Array,
  header: ImageHeader | null,
  decode: () => PixelBuffer,
): PixelBuffer {
  let image: PixelBuffer;
  try {
    image = decode();
  } catch (error) {
    const early = header && endsEarly(header.format, bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)));
    const detail = early ? `truncated: ${early}; ${(error as Error).message}` : (error as Error).message;
    throw new ImageDecodeError(`${name}: corrupt ${format} (${detail})`);
  }
  if (!(image.width > 0 && image.height > 0)) throw new ImageDecodeError(`${name}: ${format} has no pixels`);
  return image;
}

function pngToRgba(bytes: Uint8Array): PixelBuffer {
  const png = decodePng(bytes);
  const { width, height } = png;
  const pixels = width * height;
  const out = new Uint8Array(pixels * 4);
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    const channels = rgb.length / pixels;
    for (let i = 0; i < pixels; i++) {
      out.set(rgb.subarray(i * channels, i * channels + 3), i * 4);
      out[i * 4 + 3] = channels === 4 ? rgb[i * 4 + 3] : 255;
    }
    return { data: out, width, height, channels: 4 };
  }
  const { channels, depth } = png;
  const sample = sampleReader(png.data, width, channels, depth);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (channels <= 2) {
        out.fill(sample(x, y, 0), o, o + 3);
        out[o + 3] = channels === 2 ? sample(x, y, 1) : 255;
      } else {
        out[o] = sample(x, y, 0);
        out[o + 1] = sample(x, y, 1);
        out[o + 2] = sample(x, y, 2);
        out[o + 3] = channels === 4 ? sample(x, y, 3) : 255;
      }
    }
  }
  return { data: out, width, height, channels: 4 };
}

/** Reads channel c of pixel (x, y) as 0..255 from 1/2/4-bit packed rows, 8-bit or 16-bit samples. */
function sampleReader(data: ArrayLike<number>, width: number, channels: number, depth: number) {
  if (depth === 8) return (x: number, y: number, c: number) => data[(y * width + x) * channels + c];
  if (depth === 16) return (x: number, y: number, c: number) => Math.round(data[(y * width + x) * channels + c] / 257);
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const max = (1 << depth) - 1;
  return (x: number, y: number, c: number) => {
    const bit = (x * channels + c) * depth;
    const byte = data[y * rowBytes + (bit >> 3)];
    const value = (byte >> (8 - depth - (bit & 7))) & max;
    return Math.round((value * 255) / max);
  };
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
