import { describe, expect, it } from 'vitest';
import { chooseRegions, closerRatio, regionBox } from './choose-regions';
import { seen } from './test-helpers';
import type { WeakPeak } from './types';

const frame = { width: 640, height: 480 };
const peak = (x: number, y: number, score: number): WeakPeak => ({
  x: x + 30,
  y: y + 30,
  score,
  classId: 0,
  label: 'bird',
  box: { x, y, w: 60, h: 60 },
});

describe('regionBox', () => {
  it('grows a small box to the minimum side around its centre', () => {
    expect(regionBox({ x: 300, y: 200, w: 40, h: 40 }, frame)).toEqual({ x: 272, y: 172, w: 96, h: 96 });
  });

  it('adds a quarter of the box per side, square, shifted inside the frame', () => {
    expect(regionBox({ x: 20, y: 20, w: 100, h: 80 }, frame)).toEqual({ x: 0, y: 0, w: 150, h: 150 });
    expect(regionBox({ x: 600, y: 440, w: 30, h: 30 }, frame)).toEqual({ x: 544, y: 384, w: 96, h: 96 });
  });

  it('clips a region larger than the frame', () => {
    expect(regionBox({ x: 100, y: 0, w: 300, h: 480 }, frame)).toEqual({ x: 0, y: 0, w: 640, h: 480 });
  });
});

describe('closerRatio', () => {
  it('compares look pixels per frame pixel with the glance', () => {
    // glance: 512 / 640 = 0.8 px per frame px; a 96 px crop at the default 256: 2.67; 3.33 times closer
    expect(closerRatio({ x: 0, y: 0, w: 96, h: 96 }, frame, { k: 1 })).toBeCloseTo(256 / 96 / 0.8, 6);
    expect(closerRatio({ x: 0, y: 0, w: 640, h: 480 }, frame, { k: 1, lookSize: 320 })).toBeCloseTo(0.625, 6);
  });
});

describe('chooseRegions', () => {
  const cup = seen('cup', { x: 300, y: 200, w: 40, h: 40 }, { size: 'small' }); // 1 + 0.8
  const cat = seen('cat', { x: 20, y: 20, w: 100, h: 80 }, { hedged: true }); // 1 + 1
  const wholePerson = seen('person', { x: 100, y: 0, w: 300, h: 480 }); // not closer than the glance

  it('ranks hedged, then small objects, then weak peaks, and skips regions that are not closer', () => {
    const regions = chooseRegions([cup, cat, wholePerson], [peak(500, 300, 0.24)], frame, { k: 5 });
    expect(regions.map((r) => [r.reason, r.score])).toEqual([
      [{ kind: 'object', index: 1 }, 2],
      [{ kind: 'object', index: 0 }, 1.8],
      // WEAK_PEAK_WEIGHT x (peak score / HEDGE_MIN_SCORE)
      [{ kind: 'weak peak', index: 0 }, expect.closeTo((0.8 * 0.24) / 0.35, 6)],
    ]);
    expect(regions[0].closer).toBeCloseTo(256 / 150 / 0.8, 6);
    expect(regions.every((r) => r.closer >= 1.5)).toBe(true);
  });

  it('stops at k', () => {
    expect(chooseRegions([cup, cat], [], frame, { k: 1 })).toHaveLength(1);
  });

  it('drops a region mostly inside a better one, keeps a bigger one around it', () => {
    const sameSpot = peak(290, 190, 0.25); // the cup's place again
    const person = seen('person', { x: 250, y: 150, w: 60, h: 150 }); // 1 + 0.6, its region holds the cup's
    // At 320 the person's 225 px region is 1.78x closer than the glance, so only containment can drop it.
    const regions = chooseRegions([cup, person], [sameSpot, peak(20, 380, 0.05)], frame, { k: 5, lookSize: 320 });
    expect(regions.map((r) => r.reason)).toEqual([
      { kind: 'object', index: 0 },
      { kind: 'object', index: 1 },
    ]);
  });
});
