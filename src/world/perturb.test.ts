import { describe, expect, it } from 'vitest';
import { caption, describeObject, type CaptionStyle } from './captions';
import { addCeiling, perturb, type Perturbation } from './perturb';
import { deriveSeed, sceneSeed } from './random';
import { CROWDED_OBJECTS, NO_OBJECTS, sampleScene, type ObjectRange, type WorldObject } from './scene';

const STYLES: CaptionStyle[] = ['detailed', 'short'];
const casesOf = (count: number, range: Partial<ObjectRange> = {}) =>
  Array.from({ length: count }, (_, i) => {
    const seed = sceneSeed(11, i);
    const objects = sampleScene(seed, range).objects;
    const style = STYLES[i % 2];
    return { objects, style, result: perturb(objects, style, deriveSeed(seed, 1)) };
  });
const cases = casesOf(1500);

/**
 * Replays the edit records on the true objects without using perturb's code paths: the phrases of the
 * objects the perturbed caption should describe, as a sorted multiset.
 */
function replay(objects: readonly WorldObject[], result: Perturbation): string[] {
  const current = new Map(objects.map((o, i) => [i, { ...o }]));
  const added: string[] = [];
  for (const edit of result.edits) {
    if (edit.kind === 'add') {
      added.push(edit.to as string);
      continue;
    }
    const target = current.get(edit.object);
    expect(target, `edit on missing object ${edit.object}`).toBeDefined();
    if (!target) continue;
    if (edit.kind === 'drop') {
      expect(edit.from).toBe(describeObject(target));
      current.delete(edit.object);
      continue;
    }
    expect(target[edit.kind]).toBe(edit.from);
    expect(edit.to).not.toBe(edit.from);
    Object.assign(target, { [edit.kind]: edit.to });
  }
  return [...[...current.values()].map(describeObject), ...added].sort();
}

describe('perturb', () => {
  it('is deterministic given its seed', () => {
    const { objects } = cases[3];
    expect(perturb(objects, 'detailed', 99)).toEqual(perturb(objects, 'detailed', 99));
  });

  it('makes 0-3 edits, none about a quarter of the time', () => {
    const zero = cases.filter((c) => c.result.edits.length === 0).length / cases.length;
    expect(zero).toBeGreaterThan(0.2);
    expect(zero).toBeLessThan(0.3);
    for (const c of cases) expect(c.result.edits.length).toBeLessThanOrEqual(3);
    const kinds = new Set(cases.flatMap((c) => c.result.edits.map((e) => e.kind)));
    expect([...kinds].sort()).toEqual(['add', 'colour', 'drop', 'pattern', 'position', 'shape', 'size']);
  });

  it('records edits that, replayed on the truth, give exactly the perturbed objects', () => {
    for (const { objects, result } of cases) {
      expect(result.objects.map(describeObject).sort()).toEqual(replay(objects, result));
      expect(result.objects.length).toBeGreaterThanOrEqual(1);
      expect(result.objects.length).toBeLessThanOrEqual(6);
    }
  });

  it('renders the caption from the perturbed objects; edits always change it, no edits never do', () => {
    for (const { objects, style, result } of cases) {
      expect(result.caption).toBe(caption(result.objects, style));
      expect(result.caption === caption(objects, style)).toBe(result.edits.length === 0);
    }
  });

  it('never edits pattern or position of a short caption (it says neither)', () => {
    const shortKinds = cases.filter((c) => c.style === 'short').flatMap((c) => c.result.edits.map((e) => e.kind));
    expect(shortKinds).not.toContain('pattern');
    expect(shortKinds).not.toContain('position');
  });
});

describe('perturb on crowded and empty scenes', () => {
  const crowded = casesOf(600, CROWDED_OBJECTS);
  const empty = casesOf(300, NO_OBJECTS);

  it('adds to crowded scenes up to nine objects, never more; drops down to one', () => {
    expect([0, 1, 6, 7, 9].map(addCeiling)).toEqual([6, 6, 6, 9, 9]);
    const counts = crowded.map((c) => c.result.objects.length);
    expect(Math.max(...counts)).toBe(9);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(4);
    expect(crowded.some((c) => c.objects.length < 9 && c.result.edits.some((e) => e.kind === 'add'))).toBe(true);
  });

  it('only adds to an empty scene, turning "no objects." into a caption of what is not there', () => {
    for (const { objects, style, result } of empty) {
      expect(objects).toEqual([]);
      for (const edit of result.edits) expect(edit.kind).toBe('add');
      expect(result.objects).toHaveLength(result.edits.length);
      expect(result.caption === 'no objects.').toBe(result.edits.length === 0);
      expect(result.caption).toBe(caption(result.objects, style));
    }
    expect(empty.some((c) => c.result.edits.length === 3)).toBe(true);
  });

  it('records edits that replay to the perturbed objects', () => {
    for (const { objects, result } of [...crowded, ...empty]) {
      expect(result.objects.map(describeObject).sort()).toEqual(replay(objects, result));
    }
  });
});
