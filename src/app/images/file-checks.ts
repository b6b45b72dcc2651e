/**
 * Checks an image file before it goes to the captioner, so the common mistakes get a specific message at once:
 * empty, not an image, too large. Decoding errors the checks cannot foresee come back from the engine per card.
 */

import { sniffVideoContainer } from '../../capture/video-file/video-file-checks';

/** Files larger than this are refused up front: decoding them could exhaust a phone's memory. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** Bytes needed to recognise every format below. */
export const SNIFF_BYTES = 16;

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif';

export interface FileProblem {
  title: string;
  detail: string;
}

const ASCII = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The image format the file's first bytes announce, or null when they match none the browser decodes. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ASCII('GIF87a')) || startsWith(bytes, ASCII('GIF89a'))) return 'gif';
  if (startsWith(bytes, ASCII('RIFF')) && startsWith(bytes, ASCII('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ASCII('BM'))) return 'bmp';
  if (startsWith(bytes, ASCII('ftypavi'), 4) || startsWith(bytes, ASCII('ftypavis'), 4)) return 'avif';
  return null;
}

/** What is wrong with a file judged by its size and first bytes; null when it looks like an image. */
export function checkImageFile(file: { name: string; size: number }, head: Uint8Array): FileProblem | null {
  if (file.size === 0) return { title: 'This file is empty.', detail: `${file.name} has no content (0 bytes).` };
  if (file.size > MAX_IMAGE_BYTES) {
    const mb = Math.round(file.size / (1024 * 1024));
    return {
      title: 'This file is too large.',
      detail: `${file.name} is ${mb} MB; images up to ${MAX_IMAGE_BYTES / (1024 * 1024)} MB are accepted.`,
    };
  }
  if (!sniffImageFormat(head)) {
    const container = sniffVideoContainer(head);
    if (container && container !== 'image') {
      return {
        title: 'This is a video, not an image.',
        detail: `${file.name} is a video: open it in Video (the Video place) to caption it scene by scene.`,
      };
    }
    return {
      title: 'This is not an image Glance can read.',
      detail: `${file.name} is not a PNG, JPEG, GIF, WebP, BMP or AVIF image (its contents say otherwise, whatever its name).`,
    };
  }
  return null;
}

/** Reads the first bytes of a file (Blob.slice does not read the rest). */
export async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
}
