import { describe, expect, it } from 'vitest';
import { fitGeometry } from '../image/fit';
import { regionBox } from '../real/choose-regions';
import { containment } from '../real/geometry';
import {
  contrastSaliency,
  detectedRegions,
  type FoundObject,
  groundedRegions,
  LOOK_GRID,
  lookRegions,
} from './look-regions';

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

describe('detectedRegions', () => {
  const geometry = fitGeometry(800, 600, 384, 'letterbox');
  const object = (x: number, y: number, w: number, h: number, score: number, label = 'horse'): FoundObject => ({
    x,
    y,
    w,
    h,
    score,
    label,
  });

  it('looks at the best-scored objects first, each in a square crop with context around it', () => {
    const found = [object(500, 300, 100, 80, 0.5), object(100, 100, 60, 120, 0.9), object(650, 40, 40, 40, 0.4)];
    const chosen = detectedRegions(found, geometry, 3)!;
    expect(chosen.regions.map((r) => r.source)).toEqual(['detector', 'detector', 'detector']);
    // Best score first: the 0.9 object, then 0.5, then 0.4.
    const [first, second, third] = chosen.regions;
    for (const [region, box] of [
      [first, found[1]],
      [second, found[0]],
      [third, found[2]],
    ] as const) {
      // The crop holds the whole box, with context: the real-world captioner's crop (regionBox), rounded.
      expect(containment(box, region)).toBeCloseTo(1, 6);
      const crop = regionBox(box, { width: 800, height: 600 });
      expect(region.x).toBe(Math.round(crop.x));
      expect(region.w).toBe(Math.round(crop.x + crop.w) - Math.round(crop.x));
      expect(Math.abs(region.w - region.h)).toBeLessThanOrEqual(1);
      expect(region.w).toBeGreaterThan(Math.max(box.w, box.h));
    }
    // Scores are shares of the kept objects' scores, in the order chosen.
    expect(first.score).toBeCloseTo(0.9 / 1.8, 6);
    expect(chosen.regions.reduce((s, r) => s + r.score, 0)).toBeCloseTo(1, 6);
    // The square is the crop in glance-square pixels (800x600 letterboxed into 384: scale 0.48, 48 px bars).
    expect(first.square.w).toBeCloseTo(first.w * 0.48, 6);
    expect(first.square.y).toBeCloseTo(48 + first.y * 0.48, 6);
  });

  it('keeps at most k, and skips an object covering most of the frame and a crop mostly inside a better one', () => {
    const found = [
      object(0, 0, 800, 560, 0.95, 'dining table'), // 93 % of the frame: the picture again
      object(300, 200, 200, 200, 0.8),
      object(320, 220, 160, 160, 0.7), // its crop lies inside the first one's
      object(20, 400, 100, 100, 0.6),
      object(650, 20, 100, 100, 0.5),
    ];
    const chosen = detectedRegions(found, geometry, 2)!;
    expect(chosen.regions).toHaveLength(2);
    // The 0.8 object, then the 0.6 one (its crop shifted inside the frame).
    expect(containment(found[1], chosen.regions[0])).toBe(1);
    expect(containment(found[3], chosen.regions[1])).toBe(1);
    expect(chosen.regions[1].x).toBe(0);
  });

  it('paints the heat map from the detected boxes, weighted by score', () => {
    const chosen = detectedRegions([object(0, 0, 100, 100, 0.9), object(700, 500, 100, 100, 0.3)], geometry, 3)!;
    const { grid, values } = chosen.saliency;
    expect(grid).toBe(LOOK_GRID);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const cellAt = (x: number, y: number) => {
      const cell = 384 / LOOK_GRID;
      return values[Math.floor((48 + y * 0.48) / cell) * LOOK_GRID + Math.floor((x * 0.48) / cell)];
    };
    expect(cellAt(10, 10)).toBeCloseTo(3 * cellAt(790, 590), 6);
    // Only the boxes are painted, not their crops' context.
    expect(cellAt(400, 300)).toBe(0);
    expect(cellAt(160, 160)).toBe(0);
  });

  it('gives null when nothing is left to look at (the caller reads the pixels)', () => {
    expect(detectedRegions([], geometry, 3)).toBeNull();
    expect(detectedRegions([object(0, 0, 800, 600, 0.9, 'bed')], geometry, 3)).toBeNull();
    expect(detectedRegions([object(900, 700, 50, 50, 0.9)], geometry, 3)).toBeNull();
  });
});

describe('groundedRegions', () => {
  it('ranks the grounded boxes in order, as before, and says they were grounded', () => {
    const geometry = fitGeometry(640, 480, 384, 'letterbox');
    const chosen = groundedRegions(
      [
        { x: 10, y: 10, w: 100, h: 100 },
        { x: 0, y: 0, w: 640, h: 480 },
        { x: 400, y: 300, w: 50, h: 50 },
      ],
      geometry,
      3,
    );
    expect(chosen.regions.map((r) => [r.x, r.y, r.w, r.h, r.source])).toEqual([
      [10, 10, 100, 100, 'grounding'],
      [400, 300, 50, 50, 'grounding'],
    ]);
    expect(chosen.regions[0].score).toBeCloseTo(2 / 3, 6);
    expect(chosen.saliency.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});
