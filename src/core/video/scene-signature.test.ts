import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CUT_THRESHOLD,
  HISTOGRAM_BINS,
  SIGNATURE_GRID,
  signatureDistance,
  signatureOf,
} from './scene-signature';
import { blocksPicture, noisy, scenePicture, shifted, toPixels, type RgbPicture } from './testing/pictures';
import type { PixelFormat } from './types';

const FORMATS: readonly PixelFormat[] = ['I420', 'I420A', 'I422', 'I444', 'NV12', 'RGBA', 'RGBX', 'BGRA', 'BGRX'];

/** A 320x240 "shot": a sky-ish background, a dark floor and three objects. */
const street: RgbPicture = blocksPicture(
  320,
  240,
  [120, 160, 210],
  [
    { x: 0, y: 0.65, w: 1, h: 0.35, colour: [70, 60, 50] },
    { x: 0.1, y: 0.3, w: 0.15, h: 0.4, colour: [200, 40, 40] },
    { x: 0.5, y: 0.45, w: 0.2, h: 0.25, colour: [240, 230, 220] },
    { x: 0.8, y: 0.2, w: 0.1, h: 0.5, colour: [30, 90, 40] },
  ],
);

/** Another shot: other tones and another layout. */
const room: RgbPicture = blocksPicture(
  320,
  240,
  [230, 220, 190],
  [
    { x: 0.05, y: 0.05, w: 0.4, h: 0.5, colour: [60, 60, 140] },
    { x: 0.55, y: 0.5, w: 0.4, h: 0.45, colour: [150, 100, 40] },
  ],
);

const signatureIn = (picture: RgbPicture, format: PixelFormat) => signatureOf(toPixels(picture, format));

describe('signatureOf', () => {
  it('gives a GRID x GRID x 3 grid of 0..1 means and a histogram summing to 1', () => {
    const s = signatureIn(street, 'I420');
    expect(s.grid).toHaveLength(SIGNATURE_GRID * SIGNATURE_GRID * 3);
    expect(s.histogram).toHaveLength(HISTOGRAM_BINS);
    expect(s.grid.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(s.histogram.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('puts each cell where its pixels are (left white, right black)', () => {
    const s = signatureIn(
      blocksPicture(96, 48, [0, 0, 0], [{ x: 0, y: 0, w: 0.5, h: 1, colour: [255, 255, 255] }]),
      'I420',
    );
    const lumaAt = (row: number, column: number) => s.grid[(row * SIGNATURE_GRID + column) * 3];
    expect(lumaAt(3, 0)).toBeCloseTo(235 / 255, 2);
    expect(lumaAt(3, SIGNATURE_GRID - 1)).toBeCloseTo(16 / 255, 2);
    // Black and white are colourless: chroma in the middle.
    expect(s.grid[3 * SIGNATURE_GRID * 3 + 1]).toBeCloseTo(128 / 255, 2);
    // Half the pixels near luma 16 (bins 0-1 share it), half near 235 (bins 14-15: 235 lies in 224..239).
    expect(s.histogram[0] + s.histogram[1]).toBeCloseTo(0.5, 2);
    expect(s.histogram[14] + s.histogram[15]).toBeCloseTo(0.5, 2);
  });

  it.each(FORMATS)('reads %s like RGBA (well under a quarter of the cut threshold)', (format) => {
    const reference = signatureIn(street, 'RGBA');
    expect(signatureDistance(reference, signatureIn(street, format))).toBeLessThan(DEFAULT_CUT_THRESHOLD / 4);
  });

  it.each(['I420', 'NV12', 'I422', 'BGRX'] as const)('reads odd-sized %s pictures (chroma rounded up)', (format) => {
    const odd = blocksPicture(63, 37, [20, 20, 20], [{ x: 0.5, y: 0.5, w: 0.5, h: 0.5, colour: [250, 250, 30] }]);
    expect(signatureDistance(signatureIn(odd, 'RGBA'), signatureIn(odd, format))).toBeLessThan(
      DEFAULT_CUT_THRESHOLD / 4,
    );
  });

  it('gives every cell a value for pictures smaller than the grid', () => {
    const tiny = signatureIn(blocksPicture(5, 3, [10, 200, 10], []), 'I420');
    expect(tiny.grid.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  });

  it('refuses a layout that points past the data or lacks a plane', () => {
    const pixels = toPixels(street, 'I420');
    // The last row's padding is not needed; its last pixel is.
    const lastPixel = pixels.layout[2].offset + pixels.layout[2].stride * (240 / 2 - 1) + 320 / 2;
    expect(signatureOf({ ...pixels, data: pixels.data.subarray(0, lastPixel) }).grid[0]).toBeGreaterThan(0);
    expect(() => signatureOf({ ...pixels, data: pixels.data.subarray(0, lastPixel - 1) })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError' }),
    );
    expect(() => signatureOf({ ...pixels, layout: pixels.layout.slice(0, 2) })).toThrow(/plane 2/);
    expect(() => signatureOf({ ...pixels, layout: [{ offset: 0, stride: 10 }, ...pixels.layout.slice(1)] })).toThrow(
      /stride/,
    );
    expect(() => signatureOf({ ...pixels, width: 0 })).toThrow(/empty/);
  });
});

describe('signatureDistance', () => {
  it('is 0 for the same picture and symmetric', () => {
    const a = signatureIn(street, 'I420');
    expect(signatureDistance(a, signatureIn(street, 'I420'))).toBe(0);
    const b = signatureIn(room, 'I420');
    expect(signatureDistance(a, b)).toBe(signatureDistance(b, a));
  });

  it('stays well under the threshold for noise of +-3 levels', () => {
    const clean = signatureIn(street, 'I420');
    for (const seed of [1, 2, 3])
      expect(signatureDistance(clean, signatureIn(noisy(street, 3, seed), 'I420'))).toBeLessThan(
        DEFAULT_CUT_THRESHOLD / 4,
      );
  });

  it('stays under the threshold for the picture moved by a few pixels (camera shake)', () => {
    const still = signatureIn(street, 'I420');
    for (const [dx, dy] of [
      [3, 0],
      [0, 3],
      [4, -4],
    ])
      expect(signatureDistance(still, signatureIn(shifted(street, dx, dy), 'I420'))).toBeLessThan(
        DEFAULT_CUT_THRESHOLD,
      );
  });

  it('goes well over the threshold between different shots', () => {
    expect(signatureDistance(signatureIn(street, 'I420'), signatureIn(room, 'NV12'))).toBeGreaterThan(
      2 * DEFAULT_CUT_THRESHOLD,
    );
    for (let id = 0; id < 8; id++)
      expect(
        signatureDistance(signatureIn(scenePicture(id), 'RGBA'), signatureIn(scenePicture(id + 1), 'RGBA')),
      ).toBeGreaterThan(DEFAULT_CUT_THRESHOLD * 1.5);
  });

  it('sees the same layout in another tone (the histogram term)', () => {
    const darker: RgbPicture = { ...street, rgb: street.rgb.map((v) => v * 0.5) };
    expect(signatureDistance(signatureIn(street, 'I420'), signatureIn(darker, 'I420'))).toBeGreaterThan(
      DEFAULT_CUT_THRESHOLD,
    );
  });

  it('stays within 0..1 for opposite pictures', () => {
    const black = signatureIn(blocksPicture(32, 32, [0, 0, 0], []), 'RGBA');
    const white = signatureIn(blocksPicture(32, 32, [255, 255, 255], []), 'RGBA');
    const d = signatureDistance(black, white);
    expect(d).toBeGreaterThan(0.9);
    expect(d).toBeLessThanOrEqual(1);
  });

  it('refuses signatures of different shapes', () => {
    const a = signatureIn(street, 'I420');
    expect(() => signatureDistance(a, { ...a, histogram: new Float32Array(4) })).toThrow(/different shapes/);
  });
});
