/** Canonical captions of the scene world, exactly per docs/caption-grammar.md. */
import type { CaptionStyle } from '../core/bundle/config';
import { CELLS, SIZES, type Cell, type ObjectDescription } from './scene';

/** Number words for object counts 1-9 (COUNT in the grammar); index 0 is never said (an empty scene is EMPTY). */
// prettier-ignore
export const COUNT_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
] as const;

/** The whole caption of a scene with no object, in both styles (docs/caption-grammar.md, EMPTY). */
export const EMPTY_CAPTION = 'no objects.';

/** How each cell is said in a detailed caption. */
export const POSITION_PHRASES: Readonly<Record<Cell, string>> = {
  'top left': 'in the top left',
  'top center': 'at the top',
  'top right': 'in the top right',
  'middle left': 'on the left',
  center: 'in the center',
  'middle right': 'on the right',
  'bottom left': 'in the bottom left',
  'bottom center': 'at the bottom',
  'bottom right': 'in the bottom right',
};

export function countWord(n: number): string {
  const word = COUNT_WORDS[n];
  if (!word || n === 0) throw new Error(`no count word for ${n} objects (counts run from one to nine)`);
  return word;
}

/** Joins items as "a", "a and b", "a, b and c" (no Oxford comma). */
function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One object as the detailed caption says it, e.g. "a small blue striped heart in the top left". */
export function describeObject(o: ObjectDescription): string {
  const pattern = o.pattern === 'plain' ? '' : ` ${o.pattern}`;
  return `a ${o.size} ${o.colour}${pattern} ${o.shape} ${POSITION_PHRASES[o.position]}`;
}

/** Detailed caption; `objects` must already be in reading order (Scene.objects is). */
export function detailedCaption(objects: readonly ObjectDescription[]): string {
  if (objects.length === 0) return EMPTY_CAPTION;
  const noun = objects.length === 1 ? 'object' : 'objects';
  return `${countWord(objects.length)} ${noun}: ${joinList(objects.map(describeObject))}.`;
}

/** Indices of the (at most) two most prominent objects: larger size class first, ties by reading order. */
export function prominentIndices(objects: readonly ObjectDescription[]): number[] {
  const rank = (o: ObjectDescription): number => SIZES.indexOf(o.size);
  return objects
    .map((_, i) => i)
    .sort((a, b) => rank(objects[b]) - rank(objects[a]) || a - b)
    .slice(0, 2);
}

/** What a short caption says about one object. */
export type ShortItem = Pick<ObjectDescription, 'size' | 'colour' | 'shape'>;

/** Short caption from its parts: the named objects in the order said, and how many others it counts. */
export function shortCaptionOf(items: readonly ShortItem[], rest: number): string {
  if (items.length === 0) throw new Error('a short caption names at least one object');
  const said = items.map((o) => `a ${o.size} ${o.colour} ${o.shape}`);
  if (rest === 0) return `${joinList(said)}.`;
  const others = rest === 1 ? 'one other object' : `${countWord(rest)} other objects`;
  return `${said.join(', ')} and ${others}.`;
}

/** Short caption: the two most prominent objects by size, colour and shape; the rest counted. */
export function shortCaption(objects: readonly ObjectDescription[]): string {
  if (objects.length === 0) return EMPTY_CAPTION;
  const named = prominentIndices(objects).map((i) => objects[i]);
  return shortCaptionOf(named, objects.length - named.length);
}

/** Both caption styles, as the dataset's annotations carry them (the one definition: the bundle config's). */
export type { CaptionStyle };

export function caption(objects: readonly ObjectDescription[], style: CaptionStyle): string {
  return style === 'detailed' ? detailedCaption(objects) : shortCaption(objects);
}

/** Reading-order rank of a cell (row-major), for sorting descriptions that carry no coordinates. */
export function cellRank(cell: Cell): number {
  return CELLS.indexOf(cell);
}
