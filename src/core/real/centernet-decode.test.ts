import { describe, expect, it } from 'vitest';
import {
  centernetRows,
  classMaxHeat,
  decodeCenternet,
  iou,
  letterboxMapping,
  stretchMapping,
} from './centernet-decode';
import { COCO_LABELS } from './coco-labels';

const C = 80;

/** A grid with a few class peaks and constant wh distances. */
function raw(gh: number, gw: number, peaks: { x: number; y: number; c: number; v: number; d?: number[] }[]) {
  const heatmap = new Float32Array(gh * gw * C);
  const wh = new Float32Array(gh * gw * 4);
  for (const p of peaks) {
    heatmap[(p.y * gw + p.x) * C + p.c] = p.v;
    wh.set(p.d ?? [8, 8, 8, 8], (p.y * gw + p.x) * 4);
  }
  return { heatmap, wh, gridH: gh, gridW: gw };
}

describe('COCO_LABELS', () => {
  it('has the 80 classes in the model order', () => {
    expect(COCO_LABELS).toHaveLength(80);
    expect([COCO_LABELS[0], COCO_LABELS[16], COCO_LABELS[17], COCO_LABELS[41], COCO_LABELS[79]]).toEqual([
      'person',
      'dog',
      'horse',
      'cup',
      'toothbrush',
    ]);
  });
});

describe('centernetRows (the graph tower_0/detections)', () => {
  it('places boxes at 4 * cell -/+ distances, sorted by score, class from the channel', () => {
    const r = raw(8, 8, [
      { x: 2, y: 3, c: 16, v: 0.9, d: [4, 6, 10, 12] },
      { x: 6, y: 1, c: 0, v: 0.5 },
    ]);
    const rows = centernetRows(r);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([8 - 4, 12 - 6, 8 + 10, 12 + 12, expect.closeTo(0.9, 6), 16]);
    expect(rows[1][5]).toBe(0);
  });

  it('keeps only 3x3 local maxima per class (a neighbour of the same class is suppressed, other classes not)', () => {
    const r = raw(8, 8, [
      { x: 4, y: 4, c: 2, v: 0.8 },
      { x: 5, y: 4, c: 2, v: 0.7 },
      { x: 5, y: 4, c: 3, v: 0.6 },
    ]);
    expect(centernetRows(r).map((row) => [row[4], row[5]])).toEqual([
      [expect.closeTo(0.8, 6), 2],
      [expect.closeTo(0.6, 6), 3],
    ]);
  });

  it('keeps at most k peaks', () => {
    const peaks = Array.from({ length: 30 }, (_, i) => ({
      x: (i % 10) * 2,
      y: Math.floor(i / 10) * 2,
      c: 1,
      v: 0.5 + i / 100,
    }));
    expect(centernetRows(raw(20, 20, peaks), 10)).toHaveLength(10);
  });

  it('refuses outputs that do not match the grid', () => {
    expect(() => centernetRows({ heatmap: new Float32Array(10), wh: new Float32Array(4), gridH: 1, gridW: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('decodeCenternet', () => {
  const r = raw(16, 16, [
    { x: 8, y: 8, c: 16, v: 0.8, d: [16, 16, 16, 16] },
    { x: 8, y: 9, c: 17, v: 0.35, d: [16, 16, 16, 16] },
    { x: 2, y: 2, c: 41, v: 0.15, d: [4, 4, 4, 4] },
    { x: 12, y: 12, c: 0, v: 0.05 },
  ]);

  it('maps detections to frame pixels, splits weak peaks, returns the class-max heat', () => {
    // A 64x64 input stretched from a 640x320 frame region at (100, 50).
    const m = stretchMapping({ x: 100, y: 50, w: 640, h: 320 }, 64);
    const out = decodeCenternet(r, m, { threshold: 0.3, weakThreshold: 0.1 });
    expect(out.detections.map((d) => d.label)).toEqual(['dog', 'horse']);
    expect(out.detections[0].box).toEqual({ x: 100 + 16 * 10, y: 50 + 16 * 5, w: 320, h: 160 });
    expect(out.weak).toHaveLength(1);
    expect(out.weak[0]).toMatchObject({ label: 'cup', classId: 41, x: 100 + 8 * 10, y: 50 + 8 * 5 });
    expect(out.weak[0].score).toBeCloseTo(0.15, 6);
    expect(out.heat.grid).toBe(16);
    expect(out.heat.values).toHaveLength(256);
    expect(out.heat.values[8 * 16 + 8]).toBeCloseTo(0.8, 6);
  });

  it('same-class NMS drops a duplicate box; other classes stay', () => {
    const dup = raw(16, 16, [
      { x: 8, y: 8, c: 16, v: 0.8, d: [16, 16, 16, 16] },
      { x: 10, y: 8, c: 16, v: 0.6, d: [24, 16, 8, 16] },
      { x: 10, y: 8, c: 17, v: 0.5, d: [24, 16, 8, 16] },
    ]);
    const m = stretchMapping({ x: 0, y: 0, w: 64, h: 64 }, 64);
    expect(decodeCenternet(dup, m).detections.map((d) => d.label)).toEqual(['dog', 'horse']);
    expect(decodeCenternet(dup, m, { nmsIou: null }).detections.map((d) => d.label)).toEqual(['dog', 'dog', 'horse']);
  });

  it('clips to the frame when asked', () => {
    const edge = raw(4, 4, [{ x: 0, y: 0, c: 0, v: 0.9, d: [10, 10, 5, 5] }]);
    const out = decodeCenternet(edge, letterboxMapping({ x: 0, y: 0, w: 32, h: 16 }, 16), {
      frame: { width: 32, height: 16 },
    });
    expect(out.detections[0].box).toEqual({ x: 0, y: 0, w: 10, h: 10 });
  });

  it('iou of identical and disjoint boxes', () => {
    expect(iou({ x: 0, y: 0, w: 2, h: 2 }, { x: 0, y: 0, w: 2, h: 2 })).toBe(1);
    expect(iou({ x: 0, y: 0, w: 2, h: 2 }, { x: 5, y: 5, w: 2, h: 2 })).toBe(0);
  });

  it('classMaxHeat takes the best class per cell', () => {
    const h = classMaxHeat(
      raw(2, 2, [
        { x: 1, y: 0, c: 5, v: 0.4 },
        { x: 1, y: 0, c: 6, v: 0.7 },
      ]),
    );
    expect(h.values.map((v) => Number(v.toFixed(3)))).toEqual([0, 0.7, 0, 0]);
  });

  it("gives classMaxHeat's heat map from its one pass over a dense map (a non-square grid too)", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) ** 3; // mostly small, a few peaks
    const r = {
      heatmap: Float32Array.from({ length: 6 * 9 * C }, next),
      wh: new Float32Array(6 * 9 * 4).fill(4),
      gridH: 6,
      gridW: 9,
    };
    const m = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
    const out = decodeCenternet(r, m, { threshold: 0.5, weakThreshold: 0.1 });
    expect(out.heat).toEqual(classMaxHeat(r));
    expect(out.detections.length).toBeGreaterThan(0);
  });
});
