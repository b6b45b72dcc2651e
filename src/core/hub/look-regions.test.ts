import { describe, expect, it } from 'vitest';
import { fitGeometry } from '../image/fit';
import { contrastSaliency, LOOK_GRID, lookRegions } from './look-regions';

/** A width x height RGBA frame of one colour with a rectangle of another. */
function frameWith(
  width: number,
  height: number,
  background: [number, number, number],
  patch: { x: number; y: number; w: number; h: number; rgb: [number, number, number] },
) {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inPatch = x >= patch.x && x < patch.x + patch.w && y >= patch.y && y < patch.y + patch.h;
      pixels.set([...(inPatch ? patch.rgb : background), 255], (y * width + x) * 4);
    }
  }
  return { pixels, width, height, channels: 4 as const };
}

describe('contrastSaliency and lookRegions', () => {
  it('put the first region on the patch that differs from the picture', () => {
    const image = frameWith(640, 480, [200, 30, 30], { x: 480, y: 60, w: 100, h: 100, rgb: [20, 40, 220] });
    const geometry = fitGeometry(640, 480, 384, 'letterbox');
    const heat = contrastSaliency(image, geometry);
    expect(heat.grid).toBe(LOOK_GRID);
    expect(heat.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const [first] = lookRegions(heat, geometry, 3);
    const centre = { x: 530, y: 110 };
    expect(first.x).toBeLessThanOrEqual(centre.x);
    expect(first.x + first.w).toBeGreaterThanOrEqual(centre.x);
    expect(first.y).toBeLessThanOrEqual(centre.y);
    expect(first.y + first.h).toBeGreaterThanOrEqual(centre.y);
    // Frame pixels, inside the frame; the square box is the crop the model saw.
    expect(first.x + first.w).toBeLessThanOrEqual(640);
    expect(first.square.w).toBe(Math.round(384 * 0.4));
  });

  it('gives the letterbox bars no heat', () => {
    const image = frameWith(640, 240, [90, 90, 90], { x: 0, y: 0, w: 10, h: 10, rgb: [255, 255, 255] });
    const geometry = fitGeometry(640, 240, 384, 'letterbox');
    const heat = contrastSaliency(image, geometry);
    // The 640x240 frame fills rows 4..11 of 16; the top and bottom rows are bars.
    expect(heat.values.slice(0, LOOK_GRID).every((v) => v === 0)).toBe(true);
    expect(heat.values.slice(-LOOK_GRID).every((v) => v === 0)).toBe(true);
  });

  it('finds nothing to look at on a flat picture', () => {
    const image = frameWith(64, 64, [10, 10, 10], { x: 0, y: 0, w: 0, h: 0, rgb: [0, 0, 0] });
    const geometry = fitGeometry(64, 64, 384, 'letterbox');
    const heat = contrastSaliency(image, geometry);
    expect(heat.values.every((v) => v === 0)).toBe(true);
    expect(lookRegions(heat, geometry, 3)).toEqual([]);
  });
});
