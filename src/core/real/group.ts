/**
 * Duplicate merging and grouping: same-class objects become one caption item with a count ("two people").
 * Confident and hedged objects of one class never share a group; hedged objects of a class that also has a
 * confident one are left out of the caption (the second look still goes there).
 */
import { CELLS } from '../../world/scene';
import { CROSS_CLASS_IOU, DUPLICATE_IOU, MAX_COUNT_WORD } from './constants';
import { area, iou } from './geometry';
import type { Box, CellName, SeenObject } from './types';

// prettier-ignore
const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
] as const;

/** The count word of a group: 'one' ... 'twelve', then 'many'. */
export function countWord(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`no count word for ${n}`);
  return n > MAX_COUNT_WORD ? 'many' : NUMBER_WORDS[n];
}

/** Count words -> numbers, for the parser ('many' is not here: it is MANY_COUNT). */
export const COUNT_VALUES: ReadonlyMap<string, number> = new Map(NUMBER_WORDS.map((w, i) => [w, i] as const));

/**
 * Drops the lower-scored of any two same-class items whose boxes overlap above DUPLICATE_IOU (CenterNet can
 * report one object from two neighbouring peaks), and of two classes on nearly the same box (CROSS_CLASS_IOU:
 * one unsure object). Keeps input order otherwise.
 */
export function mergeDuplicates<T extends { label: string; score: number; box: Box }>(items: readonly T[]): T[] {
  const byScore = [...items.keys()].sort((a, b) => items[b].score - items[a].score);
  const kept = new Set<number>();
  for (const i of byScore) {
    const dup = [...kept].some((k) => {
      const overlap = iou(items[k].box, items[i].box);
      return overlap > (items[k].label === items[i].label ? DUPLICATE_IOU : CROSS_CLASS_IOU);
    });
    if (!dup) kept.add(i);
  }
  return items.filter((_, i) => kept.has(i));
}

/** Same-class objects said together: indices into the object array, in reading order. */
export interface ObjectGroup {
  label: string;
  hedged: boolean;
  members: number[];
  /** A hedged group of a class that also has a confident group: said as more of it ("what look like two more"). */
  more?: boolean;
}

/** Reading order of two objects: cell row, cell column, then centre y, then centre x. */
export function compareReading(a: SeenObject, b: SeenObject): number {
  const ca = CELLS.indexOf(a.cell);
  const cb = CELLS.indexOf(b.cell);
  return ca - cb || a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2) || a.box.x + a.box.w / 2 - (b.box.x + b.box.w / 2);
}

/**
 * Groups the objects by class and hedging, ordered by prominence: confident groups before hedged ones, then by
 * the largest member's area (the big things first), then by the first member's reading order. A hedged group of a
 * class that also has a confident one is marked `more`: on the 'tune' photos those hedged objects were mostly
 * real (the horses and pigeons the confident group undercounted), so they are said as more, not left out.
 */
export function groupObjects(objects: readonly SeenObject[]): ObjectGroup[] {
  const confident = new Set(objects.filter((o) => !o.hedged).map((o) => o.label));
  const groups = new Map<string, ObjectGroup>();
  const order = [...objects.keys()].sort((a, b) => compareReading(objects[a], objects[b]));
  for (const i of order) {
    const o = objects[i];
    const key = `${o.label}|${o.hedged}`;
    const more = o.hedged && confident.has(o.label);
    const g = groups.get(key) ?? { label: o.label, hedged: o.hedged, members: [], ...(more ? { more } : {}) };
    g.members.push(i);
    groups.set(key, g);
  }
  const biggest = (g: ObjectGroup) => Math.max(...g.members.map((i) => area(objects[i].box)));
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.hedged) - Number(b.hedged) ||
      biggest(b) - biggest(a) ||
      compareReading(objects[a.members[0]], objects[b.members[0]]),
  );
}

/** The cells a group occupies, distinct, in reading order. */
export function groupCells(objects: readonly SeenObject[], g: ObjectGroup): CellName[] {
  const cells = new Set(g.members.map((i) => objects[i].cell));
  return CELLS.filter((c) => cells.has(c));
}
