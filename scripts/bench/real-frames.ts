/**
 * The real-world model's bench frames: the hand-labelled real photos (scripts/real-photos/labels.json, fetched
 * into .cache/real-photos/photos by `npm run photos:real`), each centre-cropped to 4:3 and resampled to 640x480,
 * the webcam frame size issue 14's speed target names. Written once as PNGs (lossless, so native and browser
 * see the same pixels) under .cache/bench-real-frames/, served to the page and decoded natively.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { resample } from '../../src/core/image/resize';
import type { PixelBuffer } from '../../src/core/image/pixels';
import { decodeImage } from '../../src/node/decode-image';

export const REAL_FRAME_WIDTH = 640;
export const REAL_FRAME_HEIGHT = 480;
const LABELS = 'scripts/real-photos/labels.json';
const PHOTOS = '.cache/real-photos/photos';
export const REAL_FRAMES_DIR = '.cache/bench-real-frames';

export interface RealFrame {
  /** The photo's id in labels.json; the PNG is `<id>.png` in REAL_FRAMES_DIR. */
  name: string;
  image: PixelBuffer;
}

/** The centred 4:3 rectangle of a width x height picture. */
export function crop43(width: number, height: number): { x: number; y: number; w: number; h: number } {
  const aspect = REAL_FRAME_WIDTH / REAL_FRAME_HEIGHT;
  if (width / height > aspect) {
    const w = height * aspect;
    return { x: (width - w) / 2, y: 0, w, h: height };
  }
  const h = width / aspect;
  return { x: 0, y: (height - h) / 2, w: width, h };
}

/**
 * The first `count` labelled photos (labels.json order, both splits: speed does not depend on the split) as
 * 640x480 frames; null with the reason when the photos have not been fetched.
 */
export function realFrames(count: number): { frames: RealFrame[] } | { missing: string } {
  const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as { photos: { id: string }[] };
  const files = existsSync(PHOTOS) ? readdirSync(PHOTOS) : [];
  const ids = labels.photos.map((p) => p.id).filter((id) => files.some((f) => f.replace(/\.[^.]+$/, '') === id));
  if (ids.length === 0) return { missing: `no labelled photo in ${PHOTOS} (npm run photos:real fetches them)` };
  mkdirSync(REAL_FRAMES_DIR, { recursive: true });
  const frames = ids.slice(0, count).map((id): RealFrame => {
    const out = join(REAL_FRAMES_DIR, `${id}.png`);
    if (existsSync(out)) return { name: id, image: decodeImage(new Uint8Array(readFileSync(out)), out) };
    const file = files.find((f) => f.replace(/\.[^.]+$/, '') === id)!;
    const photo = decodeImage(new Uint8Array(readFileSync(join(PHOTOS, file))), file);
    const data = resample(photo, crop43(photo.width, photo.height), REAL_FRAME_WIDTH, REAL_FRAME_HEIGHT);
    const image: PixelBuffer = { data, width: REAL_FRAME_WIDTH, height: REAL_FRAME_HEIGHT, channels: 4 };
    writeFileSync(out, encode({ width: image.width, height: image.height, data, channels: 4, depth: 8 }));
    return { name: id, image };
  });
  return { frames };
}
