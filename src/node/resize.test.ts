import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image';
import { fitToSquare, resample } from '../core/image/resize';

const IMAGES = join(import.meta.dirname, '__fixtures__', 'images');

describe('fitToSquare', () => {
  it('copies a frame that already is the square, byte for byte', () => {
    const image = decodeImage(readFileSync(join(IMAGES, 'scene-1.png')));
    expect(Buffer.from(fitToSquare(image, 32, 'center-crop').pixels).equals(Buffer.from(image.data))).toBe(true);
  });

  it('copies an RGB frame of the square size to RGBA, alpha 255', () => {
    const data = Uint8Array.from({ length: 3 * 3 * 3 }, (_, i) => i * 9);
    const { pixels } = fitToSquare({ data, width: 3, height: 3, channels: 3 }, 3, 'letterbox');
    expect(Array.from(pixels.slice(0, 8))).toEqual([0, 9, 18, 255, 27, 36, 45, 255]);
    expect(Array.from(pixels.slice(32, 36))).toEqual([216, 225, 234, 255]);
  });

  it('centre-crops without resampling when the short side equals the size', () => {
    const data = new Uint8Array(6 * 4 * 4);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 6; x++) data.set([x * 10, y * 10, 0, 255], (y * 6 + x) * 4);
    const { pixels, geometry } = fitToSquare({ data, width: 6, height: 4, channels: 4 }, 4, 'center-crop');
    expect(geometry.src).toEqual({ x: 1, y: 0, w: 4, h: 4 });
    expect(Array.from(pixels.slice(0, 4))).toEqual([10, 0, 0, 255]); // column 1 of the frame
  });

  it('agrees with PIL bilinear (training fit_square) within one level', () => {
    const noise = decodeImage(readFileSync(join(IMAGES, 'noise-70x45.png')));
    const pil = decodeImage(readFileSync(join(IMAGES, 'noise-70x45-fit32-pil.png')));
    const { pixels } = fitToSquare(noise, 32, 'center-crop');
    let worst = 0;
    for (let i = 0; i < pixels.length; i++) worst = Math.max(worst, Math.abs(pixels[i] - pil.data[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('letterboxes with the fill colour and keeps a flat frame flat', () => {
    const data = new Uint8Array(40 * 20 * 3).fill(200);
    const { pixels, geometry } = fitToSquare({ data, width: 40, height: 20, channels: 3 }, 16, 'letterbox', [1, 2, 3]);
    expect(geometry.dst).toEqual({ x: 0, y: 4, w: 16, h: 8 });
    expect(Array.from(pixels.slice(0, 4))).toEqual([1, 2, 3, 255]); // bar
    const inside = (8 * 16 + 8) * 4;
    expect(Array.from(pixels.slice(inside, inside + 4))).toEqual([200, 200, 200, 255]);
    const below = (13 * 16 + 3) * 4;
    expect(Array.from(pixels.slice(below, below + 4))).toEqual([1, 2, 3, 255]);
  });
});

describe('resample to RGB', () => {
  it("gives exactly the RGBA result's first three channels (the detector's input skips alpha)", () => {
    const noise = decodeImage(readFileSync(join(IMAGES, 'noise-70x45.png')));
    for (const [src, w, h] of [
      [{ x: 0, y: 0, w: 70, h: 45 }, 32, 21],
      [{ x: 10.5, y: 3.25, w: 20, h: 30 }, 64, 96],
    ] as const) {
      const rgba = resample(noise, src, w, h);
      const rgb = resample(noise, src, w, h, 3);
      expect(rgb).toEqual(Uint8Array.from({ length: w * h * 3 }, (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)]));
    }
  });
});
