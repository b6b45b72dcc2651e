import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';

/** Real photos for parity checks: find, decode (jpeg-js) and resize them to a model's input square. */

export interface Rgb {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. */
  data: Uint8Array;
}

export const DEFAULT_PHOTOS = ['dog.jpg', 'person.jpg', 'horses.jpg', 'kite.jpg'];

/** Where photos are looked for: $GLANCE_REAL_PHOTOS, then .cache/real-photos (scripts/real-photos/fetch.ts). */
export function photoRoots(): string[] {
  return [process.env.GLANCE_REAL_PHOTOS, '.cache/real-photos'].filter(
    (d): d is string => Boolean(d) && existsSync(d as string),
  );
}

function findFile(dir: string, name: string, depth: number): string | undefined {
  const direct = join(dir, name);
  if (existsSync(direct)) return direct;
  if (depth === 0) return undefined;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      const hit = findFile(p, name, depth - 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Resolves a photo argument: an existing path, or a file name searched under the photo roots. */
export function resolvePhoto(arg: string): string {
  if (existsSync(arg)) return arg;
  for (const root of photoRoots()) {
    const hit = findFile(root, arg, 6);
    if (hit) return hit;
  }
  throw new Error(
    `photo ${arg} not found. Run scripts/real-photos/fetch.ts (writes .cache/real-photos/), or set GLANCE_REAL_PHOTOS ` +
      "to a folder holding darknet's photos (apt-get download darknet && dpkg -x darknet_*.deb DIR; photos in " +
      'DIR/usr/share/darknet/data), or pass photo paths as arguments.',
  );
}

export function readJpeg(path: string): Rgb {
  const img = jpeg.decode(readFileSync(path), { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  const data = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
    data[i] = img.data[j];
    data[i + 1] = img.data[j + 1];
    data[i + 2] = img.data[j + 2];
  }
  return { width: img.width, height: img.height, data };
}

/**
 * Bilinear resize of a region of an RGB image to out x out, as float32 NHWC 0..255 (TF's legacy
 * resizeBilinear sampling: src = dst * in / out, no half-pixel shift). Region defaults to the whole image
 * (stretched, as @vladmandic/human feeds CenterNet).
 */
export function resizeToSquare(
  img: Rgb,
  out: number,
  region = { x: 0, y: 0, w: img.width, h: img.height },
): Float32Array {
  const res = new Float32Array(out * out * 3);
  const sy = region.h / out;
  const sx = region.w / out;
  for (let y = 0; y < out; y++) {
    const fy = region.y + y * sy;
    const y0 = Math.min(img.height - 1, Math.floor(fy));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const dy = fy - Math.floor(fy);
    for (let x = 0; x < out; x++) {
      const fx = region.x + x * sx;
      const x0 = Math.min(img.width - 1, Math.floor(fx));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const dx = fx - Math.floor(fx);
      for (let c = 0; c < 3; c++) {
        const a = img.data[(y0 * img.width + x0) * 3 + c];
        const b = img.data[(y0 * img.width + x1) * 3 + c];
        const d = img.data[(y1 * img.width + x0) * 3 + c];
        const e = img.data[(y1 * img.width + x1) * 3 + c];
        res[(y * out + x) * 3 + c] = (a * (1 - dx) + b * dx) * (1 - dy) + (d * (1 - dx) + e * dx) * dy;
      }
    }
  }
  return res;
}
