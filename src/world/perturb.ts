/**
 * Perturbed captions: pseudo-initial captions that train the refinement pass to fix a first draft. Each makes
 * 0-3 recorded edits to a scene's true objects and re-renders the caption through captions.ts, so it stays in
 * the grammar.
 */
import { caption, describeObject, prominentIndices, type CaptionStyle } from './captions';
import { createRng, type Rng } from './random';
import {
  CELLS,
  COLOURS,
  MAX_OBJECTS,
  ORDINARY_OBJECTS,
  PATTERNS,
  SHAPES,
  SIZES,
  SIZE_EXTENT_PX256,
  cellCentre,
  compareReadingOrder,
  type WorldObject,
} from './scene';

export const EDIT_KINDS = ['shape', 'colour', 'size', 'pattern', 'position', 'add', 'drop'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];
/** Short captions say neither pattern nor position, so those edits would change nothing there. */
const SHORT_EDIT_KINDS: readonly EditKind[] = ['shape', 'colour', 'size', 'add', 'drop'];
const MAX_EDITS = 3;

/**
 * How many objects adds may bring a perturbed caption to. Scenes of 1-6 objects stop at six, as they always
 * did, so their perturbations stay byte-identical to datasets made before crowded scenes; crowded scenes go up
 * to nine, the most a caption counts. Drops always leave one object, so only an empty scene's own caption says
 * "no objects".
 */
export function addCeiling(trueCount: number): number {
  return trueCount > ORDINARY_OBJECTS.maxObjects ? MAX_OBJECTS : ORDINARY_OBJECTS.maxObjects;
}

/**
 * One recorded change. `object` indexes the true objects (reading order); an added object gets
 * `trueCount + k` for the k-th addition. Attribute edits carry the old and new value (a cell name for
 * position); add has `from: null` and `to` = the new object's phrase; drop has `from` = the dropped object's
 * phrase and `to: null` (phrases as describeObject writes them).
 */
export interface Edit {
  kind: EditKind;
  object: number;
  from: string | null;
  to: string | null;
}

/** A perturbed caption with the objects it describes (reading order) and the edits that made it. */
export interface Perturbation {
  objects: WorldObject[];
  caption: string;
  edits: Edit[];
}

interface Tracked {
  object: WorldObject;
  origin: number;
}

function other<T>(rng: Rng, values: readonly T[], current: T): T {
  const choices = values.filter((v) => v !== current);
  return rng.pick(choices);
}

function midExtent(size: WorldObject['size']): number {
  const [lo, hi] = SIZE_EXTENT_PX256[size];
  return (lo + hi) / 2 / 256;
}

function randomObject(rng: Rng): WorldObject {
  const size = rng.pick(SIZES);
  const position = rng.pick(CELLS);
  const centre = cellCentre(position);
  // Anywhere in the middle of the cell, so reading order among same-cell objects varies.
  const cx = centre.x + rng.range(-1 / 8, 1 / 8);
  const cy = centre.y + rng.range(-1 / 8, 1 / 8);
  const pick = { shape: rng.pick(SHAPES), colour: rng.pick(COLOURS), pattern: rng.pick(PATTERNS) };
  return { ...pick, size, position, cx, cy, extent: midExtent(size) };
}

/** Tries one edit of `kind`; returns null when it does not apply (no eligible object, count limits). */
function tryEdit(
  rng: Rng,
  kind: EditKind,
  work: Tracked[],
  style: CaptionStyle,
  trueCount: number,
  used: Set<string>,
  added: number,
): Edit | null {
  if (kind === 'add') {
    if (work.length >= addCeiling(trueCount)) return null;
    const object = randomObject(rng);
    work.push({ object, origin: trueCount + added });
    return { kind, object: trueCount + added, from: null, to: describeObject(object) };
  }
  // Only the true objects are edited, each attribute at most once, so no edit undoes another.
  let candidates = work.map((_, i) => i).filter((i) => work[i].origin < trueCount);
  if (style === 'short' && kind !== 'drop') {
    const shown = prominentIndices(work.map((t) => t.object));
    candidates = candidates.filter((i) => shown.includes(i));
  }
  if (kind === 'drop') {
    if (work.length <= 1) return null;
    candidates = candidates.filter((i) => !EDIT_KINDS.some((k) => used.has(`${work[i].origin}:${k}`)));
  } else {
    candidates = candidates.filter((i) => !used.has(`${work[i].origin}:${kind}`));
  }
  if (candidates.length === 0) return null;
  const index = rng.pick(candidates);
  const { object, origin } = work[index];
  used.add(`${origin}:${kind}`);
  if (kind === 'drop') {
    work.splice(index, 1);
    return { kind, object: origin, from: describeObject(object), to: null };
  }
  let changed: WorldObject;
  let from: string;
  let to: string;
  if (kind === 'position') {
    from = object.position;
    const position = other(rng, CELLS, object.position);
    const centre = cellCentre(position);
    changed = { ...object, position, cx: centre.x, cy: centre.y };
    to = position;
  } else if (kind === 'size') {
    from = object.size;
    const size = other(rng, SIZES, object.size);
    changed = { ...object, size, extent: midExtent(size) };
    to = size;
  } else {
    const values: readonly string[] = kind === 'shape' ? SHAPES : kind === 'colour' ? COLOURS : PATTERNS;
    from = object[kind];
    to = other(rng, values, from);
    changed = { ...object, [kind]: to };
  }
  work[index] = { object: changed, origin };
  return { kind, object: origin, from, to };
}

/**
 * Perturbs the caption of `objects` (a scene's true objects, reading order) in `style`: 0-3 edits, none
 * with probability 1/4. Deterministic given `seed`. A non-empty edit list always changes the caption. An empty
 * scene has nothing to edit or drop, so its edits are adds: "no objects." becomes a caption of hallucinations.
 */
export function perturb(objects: readonly WorldObject[], style: CaptionStyle, seed: number): Perturbation {
  const rng = createRng(seed);
  const truth = caption(objects, style);
  const editCount = rng.int(MAX_EDITS + 1);
  const kinds = style === 'short' ? SHORT_EDIT_KINDS : EDIT_KINDS;
  for (;;) {
    const work: Tracked[] = objects.map((object, origin) => ({ object, origin }));
    const used = new Set<string>();
    const edits: Edit[] = [];
    for (let attempt = 0; edits.length < editCount && attempt < 50; attempt++) {
      const added = edits.filter((e) => e.kind === 'add').length;
      const edit = tryEdit(rng, rng.pick(kinds), work, style, objects.length, used, added);
      if (!edit) continue;
      edits.push(edit);
      // Keep reading order so "prominent" ties and later picks see the caption's order.
      work.sort((a, b) => compareReadingOrder(a.object, b.object));
    }
    const perturbed = work.map((t) => t.object);
    const text = caption(perturbed, style);
    // Rare combinations cancel out (two size swaps that trade places in a short caption): draw again.
    if (edits.length === 0 || text !== truth) return { objects: perturbed, caption: text, edits };
  }
}
