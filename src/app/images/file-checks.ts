/**
 * Checks an image file before it goes to the captioner, so the common mistakes get a specific message at once:
 * empty, not an image, too large. Decoding errors the checks cannot foresee come back from the engine per card.
 */
import { sniffVideoContainer } from '../../capture/video-file/video-file-checks';
import { asciiBytes, bytesAt } from '../../common/magic-bytes';

/** Files larger than this are refused up front: decoding them could exhaust a phone's memory. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** Bytes needed to recognise every format below. */
export const SNIFF_BYTES = 16;

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif';

export interface FileProblem {
  title: string;
  detail: string;
}

/** The image format the file's first bytes announce, or null when they match none the browser decodes. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytesAt(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytesAt(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (bytesAt(bytes, asciiBytes('GIF87a')) || bytesAt(bytes, asciiBytes('GIF89a'))) return 'gif';
  if (bytesAt(bytes, asciiBytes('RIFF')) && bytesAt(bytes, asciiBytes('WEBP'), 8)) return 'webp';
  if (bytesAt(bytes, asciiBytes('BM'))) return 'bmp';
  if (bytesAt(bytes, asciiBytes('ftypavi'), 4) || bytesAt(bytes, asciiBytes('ftypavis'), 4)) return 'avif';
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
