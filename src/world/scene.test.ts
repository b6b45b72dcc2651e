import { describe, expect, it } from 'vitest';
import { COLOUR_RGB, MIN_OBJECT_BACKGROUND_DISTANCE, colourDistance } from './palette';
import { sceneSeed } from './random';
import {
  BACKGROUND_KINDS,
  CELLS,
  COLOURS,
  CROWDED_OBJECTS,
  FRAME_MARGIN,
  OBJECT_GAP,
  SHAPES,
  cellAt,
  compareReadingOrder,
  sampleScene,
  sampleSceneCountingAttempts,
  type Scene,
  type WorldObject,
} from './scene';

const scenes: Scene[] = Array.from({ length: 3000 }, (_, i) => sampleScene(sceneSeed(1, i)));
const objects = scenes.flatMap((s) => s.objects);

describe('sampleScene', () => {
  it('is deterministic: the same seed gives the same scene, other seeds other scenes', () => {
    expect(sampleScene(sceneSeed(1, 5))).toEqual(scenes[5]);
    expect(sampleScene(sceneSeed(1, 6))).not.toEqual(scenes[5]);
    expect(sampleScene(sceneSeed(2, 5))).not.toEqual(scenes[5]);
  });

  it('has 1-6 objects, every count occurring', () => {
    const counts = new Set(scenes.map((s) => s.objects.length));
    expect([...counts].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('sizes objects per the fixed difficulty (px at 256) and keeps them inside the frame', () => {
    const ranges = { small: [8, 14], medium: [24, 36], large: [48, 72] } as const;
    for (const o of objects) {
      const px = o.extent * 256;
      expect(px).toBeGreaterThanOrEqual(ranges[o.size][0]);
      expect(px).toBeLessThanOrEqual(ranges[o.size][1]);
      expect(o.cx - o.extent / 2).toBeGreaterThan(0);
      expect(o.cy - o.extent / 2).toBeGreaterThan(0);
      expect(o.cx + o.extent / 2).toBeLessThan(1);
      expect(o.cy + o.extent / 2).toBeLessThan(1);
    }
  });

  it('never overlaps bounding squares', () => {
    for (const { objects: os } of scenes) {
      for (let i = 0; i < os.length; i++) {
        for (let j = i + 1; j < os.length; j++) {
          const reach = (os[i].extent + os[j].extent) / 2;
          const apart = Math.abs(os[i].cx - os[j].cx) >= reach || Math.abs(os[i].cy - os[j].cy) >= reach;
          expect(apart).toBe(true);
        }
      }
    }
  });

  it('names the cell of each centre and lists objects in reading order', () => {
    for (const { objects: os } of scenes) {
      for (const o of os) expect(o.position).toBe(cellAt(o.cx, o.cy));
      for (let i = 1; i < os.length; i++) expect(compareReadingOrder(os[i - 1], os[i])).toBeLessThan(0);
    }
    expect(cellAt(0.1, 0.1)).toBe('top left');
    expect(cellAt(0.5, 0.5)).toBe('center');
    expect(cellAt(0.9, 0.5)).toBe('middle right');
  });

  it('keeps every object colour far from every background tone', () => {
    for (const { background, objects: os } of scenes) {
      for (const o of os) {
        expect(colourDistance(COLOUR_RGB[o.colour], background.base)).toBeGreaterThanOrEqual(
          MIN_OBJECT_BACKGROUND_DISTANCE,
        );
        expect(colourDistance(COLOUR_RGB[o.colour], background.to)).toBeGreaterThanOrEqual(
          MIN_OBJECT_BACKGROUND_DISTANCE,
        );
      }
    }
  });

  it('balances attributes: every value common, about a third of objects small', () => {
    const share = (pred: (o: (typeof objects)[number]) => boolean): number =>
      objects.filter(pred).length / objects.length;
    expect(share((o) => o.size === 'small')).toBeGreaterThan(0.28);
    expect(share((o) => o.size === 'small')).toBeLessThan(0.38);
    for (const shape of SHAPES) expect(share((o) => o.shape === shape)).toBeGreaterThan(0.8 / SHAPES.length);
    for (const colour of COLOURS) expect(share((o) => o.colour === colour)).toBeGreaterThan(0.8 / COLOURS.length);
    for (const cell of CELLS) expect(share((o) => o.position === cell)).toBeGreaterThan(0.5 / CELLS.length);
  });
});

/** Bounding squares keep OBJECT_GAP apart and FRAME_MARGIN from the frame, and reading order holds. */
function expectWellPlaced(objects: readonly WorldObject[]): void {
  const eps = 1e-12;
  for (const o of objects) {
    expect(o.cx - o.extent / 2).toBeGreaterThanOrEqual(FRAME_MARGIN - eps);
    expect(o.cx + o.extent / 2).toBeLessThanOrEqual(1 - FRAME_MARGIN + eps);
    expect(o.cy - o.extent / 2).toBeGreaterThanOrEqual(FRAME_MARGIN - eps);
    expect(o.cy + o.extent / 2).toBeLessThanOrEqual(1 - FRAME_MARGIN + eps);
    expect(o.position).toBe(cellAt(o.cx, o.cy));
  }
  for (let i = 0; i < objects.length; i++) {
    if (i > 0) expect(compareReadingOrder(objects[i - 1], objects[i])).toBeLessThan(0);
    for (let j = i + 1; j < objects.length; j++) {
      const reach = (objects[i].extent + objects[j].extent) / 2 + OBJECT_GAP - eps;
      const [a, b] = [objects[i], objects[j]];
      expect(Math.abs(a.cx - b.cx) >= reach || Math.abs(a.cy - b.cy) >= reach).toBe(true);
    }
  }
}

describe('sampleScene with an object range', () => {
  it('draws every count of the range and no other', () => {
    const counts = new Set(
      Array.from({ length: 300 }, (_, i) => sampleScene(sceneSeed(4, i), CROWDED_OBJECTS).objects.length),
    );
    expect([...counts].sort()).toEqual([7, 8, 9]);
    expect(sampleScene(sceneSeed(4, 0), { minObjects: 3, maxObjects: 3 }).objects).toHaveLength(3);
  });

  it('defaults each bound on its own: minObjects 1, maxObjects 6', () => {
    const counts = new Set(
      Array.from({ length: 300 }, (_, i) => sampleScene(sceneSeed(4, i), { minObjects: 5 }).objects.length),
    );
    expect([...counts].sort()).toEqual([5, 6]);
  });

  it('makes empty scenes: a background only, of every kind', () => {
    const empty = Array.from({ length: 200 }, (_, i) => sampleScene(sceneSeed(5, i), { minObjects: 0, maxObjects: 0 }));
    for (const scene of empty) expect(scene.objects).toEqual([]);
    expect(new Set(empty.map((s) => s.background.kind))).toEqual(new Set(BACKGROUND_KINDS));
  });

  it('refuses ranges outside 0-9', () => {
    expect(() => sampleScene(1, { minObjects: 0, maxObjects: 10 })).toThrow(/0-9/);
    expect(() => sampleScene(1, { minObjects: -1, maxObjects: 2 })).toThrow();
    expect(() => sampleScene(1, { minObjects: 4, maxObjects: 3 })).toThrow();
    expect(() => sampleScene(1, { minObjects: 1.5, maxObjects: 3 })).toThrow();
  });

  it('places nine objects of any sizes within a few attempts (2,000 seeds; measured worst 5 of 40,000)', () => {
    let worst = 0;
    const sizes = { small: 0, medium: 0, large: 0 };
    for (let i = 0; i < 2000; i++) {
      const { scene, attempts } = sampleSceneCountingAttempts(sceneSeed(4, i), { minObjects: 9, maxObjects: 9 });
      worst = Math.max(worst, attempts);
      expect(scene.objects).toHaveLength(9);
      expectWellPlaced(scene.objects);
      for (const o of scene.objects) sizes[o.size]++;
    }
    expect(worst).toBeLessThanOrEqual(8);
    // No size bias was needed: the classes stay about equal even in the scenes that had to fit nine.
    for (const n of Object.values(sizes)) expect(n / (9 * 2000)).toBeGreaterThan(0.3);
  });
});
