/**
 * Checks a video file before the page tries to play it, so the common mistakes get a specific message at once
 * (empty, an image, a container no browser plays) instead of the media element's bare "format error". What the
 * checks cannot foresee (a broken file in a good container, no video track) comes from open-video-file.ts.
 */
import { asciiBytes, bytesAt } from '../../common/magic-bytes';

/** Bytes needed to recognise every container below (MPEG-TS needs its second packet's sync byte). */
export const VIDEO_SNIFF_BYTES = 192;

/** Containers told apart by their first bytes. 'mp4' covers QuickTime's .mov (same box structure). */
export type VideoContainer = 'mp4' | 'webm' | 'ogg' | 'avi' | 'mpeg-ts' | 'flv' | 'asf' | 'image';

/** What is wrong with a file, in words a person can act on. */
export interface VideoFileProblem {
  /** Machine-readable, for tests and the UI's data attribute. */
  problem: 'empty' | 'not-a-video' | 'unsupported' | 'image' | 'unreadable' | 'no-video-track';
  title: string;
  detail: string;
}

/** The container the file's first bytes announce, or null when they match none we know. */
export function sniffVideoContainer(bytes: Uint8Array): VideoContainer | null {
  if (bytesAt(bytes, asciiBytes('ftyp'), 4)) {
    // AVIF and HEIF images are ISO boxes too: their brand says so.
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    return /^(avi[fs]|hei[cfsx]|mif1|msf1)$/.test(brand) ? 'image' : 'mp4';
  }
  if (bytesAt(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'webm';
  if (bytesAt(bytes, asciiBytes('OggS'))) return 'ogg';
  if (bytesAt(bytes, asciiBytes('RIFF')) && bytesAt(bytes, asciiBytes('AVI '), 8)) return 'avi';
  if (bytesAt(bytes, asciiBytes('RIFF')) && bytesAt(bytes, asciiBytes('WEBP'), 8)) return 'image';
  if (bytesAt(bytes, asciiBytes('FLV'))) return 'flv';
  if (bytesAt(bytes, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return 'asf';
  // MPEG-TS: 188-byte packets, each starting with the sync byte 0x47.
  if (bytes.length > 188 && bytes[0] === 0x47 && bytes[188] === 0x47) return 'mpeg-ts';
  if (
    bytesAt(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    bytesAt(bytes, [0xff, 0xd8, 0xff]) ||
    bytesAt(bytes, asciiBytes('GIF8')) ||
    bytesAt(bytes, asciiBytes('BM'))
  ) {
    return 'image';
  }
  return null;
}

const NAMES: Record<Exclude<VideoContainer, 'image'>, string> = {
  mp4: 'MP4',
  webm: 'WebM',
  ogg: 'Ogg',
  avi: 'AVI',
  'mpeg-ts': 'MPEG-TS',
  flv: 'Flash video (FLV)',
  asf: 'Windows Media (WMV/ASF)',
};

/** Containers browsers play; the rest are refused before any attempt. */
const PLAYABLE: ReadonlySet<VideoContainer> = new Set(['mp4', 'webm', 'ogg']);

const CONVERT = 'Convert it to MP4 (H.264) or WebM (VP9), for example with `ffmpeg -i INPUT output.mp4`.';

/** What is wrong with a file judged by its size and first bytes; null when it may be a playable video. */
export function checkVideoFile(file: { name: string; size: number }, head: Uint8Array): VideoFileProblem | null {
  if (file.size === 0) {
    return { problem: 'empty', title: 'This file is empty.', detail: `${file.name} has no content (0 bytes).` };
  }
  const container = sniffVideoContainer(head);
  if (container === 'image') {
    return {
      problem: 'image',
      title: 'This is an image, not a video.',
      detail: `${file.name} is a picture: drop it in Images to caption it.`,
    };
  }
  if (container && !PLAYABLE.has(container)) {
    return {
      problem: 'unsupported',
      title: `Browsers cannot play ${NAMES[container]} files.`,
      detail: `${file.name} is ${NAMES[container]}. ${CONVERT}`,
    };
  }
  if (!container) {
    return {
      problem: 'not-a-video',
      title: 'This is not a video Glance can read.',
      detail: `${file.name} is not an MP4, WebM or Ogg video (its contents say otherwise, whatever its name).`,
    };
  }
  return null;
}

/** Reads the first bytes of a file (Blob.slice does not read the rest). */
export async function readVideoHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, VIDEO_SNIFF_BYTES).arrayBuffer());
}
