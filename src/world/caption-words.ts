/**
 * The words of the caption grammar (docs/caption-grammar.md) as the parser reads them, with the few variants a
 * model (or a person) might write instead: "grey", "centre", "stripes", plurals. Lookup tables only.
 */
import { COUNT_WORDS } from './captions';
import { COLOURS, PATTERNS, SHAPES, SIZES, type Colour, type Pattern, type Shape, type Size } from './scene';

function table<T extends string>(canonical: readonly T[], variants: Record<string, T>): ReadonlyMap<string, T> {
  return new Map<string, T>([...canonical.map((w): [string, T] => [w, w]), ...Object.entries(variants)]);
}

export const SHAPE_WORDS = table<Shape>(SHAPES, {
  ...Object.fromEntries(SHAPES.map((s) => [`${s}s`, s])),
  crosses: 'cross',
});
export const COLOUR_WORDS = table<Colour>(COLOURS, { grey: 'gray' });
export const SIZE_WORDS = table<Size>(SIZES, { big: 'large', little: 'small' });
export const PATTERN_WORDS = table<Pattern>(PATTERNS, {
  stripes: 'striped',
  stripy: 'striped',
  dots: 'dotted',
  spotted: 'dotted',
});

/** Count words one-nine and the digits 1-9 (COUNT_WORDS[0], "zero", is never said: see NONE_WORDS). */
export const COUNT_OF = new Map<string, number>(
  COUNT_WORDS.slice(1).flatMap((w, i): [string, number][] => [
    [w, i + 1],
    [String(i + 1), i + 1],
  ]),
);

/** Words that say a count of zero before "objects": the empty caption's "no", and what a model might write. */
export const NONE_WORDS: ReadonlySet<string> = new Set(['no', 'zero', '0']);

export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an']);
export const PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'on']);
export const OBJECT_NOUNS: ReadonlySet<string> = new Set(['object', 'objects']);
/** Words and marks that end one object and may start the next. */
export const SEPARATORS: ReadonlySet<string> = new Set([',', ';', '.', 'and']);

/** Words of a position phrase after "in the" / "at the" / "on the". */
export type PositionWord = 'top' | 'bottom' | 'left' | 'right' | 'center';
export const POSITION_WORDS = new Map<string, PositionWord>([
  ['top', 'top'],
  ['bottom', 'bottom'],
  ['left', 'left'],
  ['right', 'right'],
  ['center', 'center'],
  ['centre', 'center'],
  ['middle', 'center'],
]);
