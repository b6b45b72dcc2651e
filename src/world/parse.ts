/**
 * Caption parser: any caption of the world's grammar (docs/caption-grammar.md), detailed or short, back to the
 * objects it describes. Model output is not always grammatical, so the parser reads object by object and
 * tolerates small slips: a missing or extra comma, "an" for "a", a missing final period, a repeated word, an
 * empty scene's "no objects" said as "no object" or "zero objects", an unknown word (skipped and reported), a
 * missing pattern (read as plain in a detailed caption), a count word that disagrees with the objects listed
 * (both are reported), a few variants ("grey", "centre", "stripes").
 * What it cannot place is returned as unparsed spans of the input, so a caller can count it.
 */
import {
  ARTICLES,
  COLOUR_WORDS,
  COUNT_OF,
  NONE_WORDS,
  OBJECT_NOUNS,
  PATTERN_WORDS,
  POSITION_WORDS,
  PREPOSITIONS,
  SEPARATORS,
  SHAPE_WORDS,
  SIZE_WORDS,
  type PositionWord,
} from './caption-words';
import { COUNT_WORDS, EMPTY_CAPTION, detailedCaption, shortCaptionOf, type CaptionStyle } from './captions';
import type { Cell, Colour, ObjectDescription, Pattern, Shape, Size } from './scene';

/** One object as a caption describes it; null where the caption does not say (or says something unreadable). */
export interface ParsedObject {
  size: Size | null;
  colour: Colour | null;
  /** In a detailed caption an unsaid pattern is 'plain' (the grammar leaves plain unsaid); null in a short one. */
  pattern: Pattern | null;
  shape: Shape | null;
  /** Null in short captions, which never say where. */
  position: Cell | null;
}

/** A stretch of the input the parser could not place, as character offsets [start, end). */
export interface UnparsedSpan {
  start: number;
  end: number;
  text: string;
}

/** What a caption says: its objects in the order said, the count it states, and what could not be read. */
export interface ParsedCaption {
  /**
   * 'detailed' when the caption has a count header ("three objects:", "no objects") or says any position; else
   * 'short'. The empty caption is the same in both styles, so its style says nothing.
   */
  style: CaptionStyle;
  /**
   * The number of objects the caption claims: the header's count (0 for "no objects", and only for it; null
   * when a detailed caption has none), or for a short caption the objects it names plus the others it counts
   * (null when it names and counts nothing: text outside the grammar). May disagree with `objects.length`.
   */
  countSaid: number | null;
  objects: ParsedObject[];
  /** Objects counted but not described: "and three other objects" gives 3. */
  others: number;
  unparsed: UnparsedSpan[];
}

interface Token {
  word: string;
  start: number;
  end: number;
}

type Attribute = 'size' | 'colour' | 'pattern' | 'shape';

interface Draft {
  fields: ParsedObject;
  tokens: number[];
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z]+|[0-9]+|[^\sa-z0-9]/g)) {
    tokens.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

function attributeOf(word: string): { key: Attribute; value: string } | null {
  const shape = SHAPE_WORDS.get(word);
  if (shape) return { key: 'shape', value: shape };
  const colour = COLOUR_WORDS.get(word);
  if (colour) return { key: 'colour', value: colour };
  const size = SIZE_WORDS.get(word);
  if (size) return { key: 'size', value: size };
  const pattern = PATTERN_WORDS.get(word);
  if (pattern) return { key: 'pattern', value: pattern };
  return null;
}

/** The cell a run of position words names: "top left", "top" (top center), "left" (middle left), "center". */
function cellOf(words: readonly PositionWord[]): Cell {
  const row = words.find((w) => w === 'top' || w === 'bottom');
  const column = words.find((w) => w === 'left' || w === 'right');
  if (row && column) return `${row} ${column}`;
  if (row) return `${row} center`;
  if (column) return `middle ${column}`;
  return 'center';
}

/** An object is worth reporting when it names a shape or at least two other attributes. */
function isObject(f: ParsedObject): boolean {
  return f.shape !== null || [f.size, f.colour, f.pattern].filter((v) => v !== null).length >= 2;
}

/** Collects objects token by token; `draft` is the object being read. */
class ObjectReader {
  readonly objects: ParsedObject[] = [];
  readonly unparsed: number[] = [];
  private draft: Draft | null = null;

  /** Ends the open object: kept if it says enough, else its words are unparsed. */
  close(): void {
    const draft = this.draft;
    if (draft && isObject(draft.fields)) this.objects.push(draft.fields);
    else if (draft) this.unparsed.push(...draft.tokens);
    this.draft = null;
  }

  /** Starts an object, at an article or at an attribute word whose article went missing. */
  open(tokens: number[]): Draft {
    this.close();
    const draft: Draft = {
      fields: { size: null, colour: null, pattern: null, shape: null, position: null },
      tokens,
    };
    this.draft = draft;
    return draft;
  }

  attribute(token: number, key: Attribute, value: string): void {
    let draft = this.draft;
    const fields = draft?.fields as Record<Attribute, string | null> | undefined;
    if (!draft || !fields || draft.fields.position !== null || (draft.fields.shape !== null && key !== 'shape')) {
      // No object open, or the open one is complete: a separator or article went missing.
      draft = this.open([]);
    } else if (fields[key] === value) {
      draft.tokens.push(token); // a repeated word
      return;
    } else if (fields[key] !== null) {
      this.unparsed.push(token); // a second, different value for the same attribute: the first stands
      return;
    }
    (draft.fields as unknown as Record<Attribute, string>)[key] = value;
    draft.tokens.push(token);
  }

  position(tokens: number[], cell: Cell | null): void {
    const draft = this.draft;
    if (cell && draft && (draft.fields.position === null || draft.fields.position === cell)) {
      draft.fields.position = cell;
      draft.tokens.push(...tokens);
    } else {
      this.unparsed.push(...tokens);
    }
  }
}

/** Parses one caption; never throws. */
export function parseCaption(text: string): ParsedCaption {
  const tokens = tokenize(text);
  const word = (i: number): string => tokens[i]?.word ?? '';
  let countSaid: number | null = null;
  let header = false;
  let others = 0;
  let i = 0;

  // Header: "three objects:" (tolerating a missing colon or noun), or the empty scene's "no objects".
  const headerCount = COUNT_OF.get(word(0));
  if (NONE_WORDS.has(word(0)) && OBJECT_NOUNS.has(word(1))) {
    countSaid = 0;
    header = true;
    i = 2;
  } else if (headerCount !== undefined && (OBJECT_NOUNS.has(word(1)) || word(1) === ':')) {
    countSaid = headerCount;
    header = true;
    i = OBJECT_NOUNS.has(word(1)) ? 2 : 1;
  } else if (OBJECT_NOUNS.has(word(0)) && word(1) === ':') {
    header = true;
    i = 1;
  }
  while (header && word(i) === ':') i++;

  const reader = new ObjectReader();
  while (i < tokens.length) {
    const w = word(i);
    const count = COUNT_OF.get(w);
    const attribute = attributeOf(w);
    if (SEPARATORS.has(w) || w === ':') {
      reader.close();
      i++;
    } else if (ARTICLES.has(w)) {
      reader.open([i++]);
    } else if (count !== undefined && word(i + 1) === 'other') {
      // "three other objects" (short captions)
      reader.close();
      others += count;
      i += OBJECT_NOUNS.has(word(i + 2)) ? 3 : 2;
    } else if (attribute) {
      reader.attribute(i++, attribute.key, attribute.value);
    } else if (PREPOSITIONS.has(w) || w === 'the' || POSITION_WORDS.has(w)) {
      // "in the top left", "at the top", tolerating repeated or missing "in"/"the"
      let j = i;
      while (PREPOSITIONS.has(word(j)) || word(j) === 'the') j++;
      const words: PositionWord[] = [];
      while (POSITION_WORDS.has(word(j))) words.push(POSITION_WORDS.get(word(j++))!);
      const span = Array.from({ length: j - i }, (_, k) => i + k);
      reader.position(span, words.length > 0 ? cellOf(words) : null);
      i = j;
    } else {
      reader.unparsed.push(i++);
    }
  }
  reader.close();

  const { objects, unparsed } = reader;
  const style: CaptionStyle = header || objects.some((o) => o.position !== null) ? 'detailed' : 'short';
  if (style === 'detailed') for (const o of objects) o.pattern ??= 'plain';
  // A short caption's count is what it names and counts; a text that does neither states no count at all.
  else countSaid = objects.length + others > 0 ? objects.length + others : null;
  return {
    style,
    countSaid,
    objects,
    others,
    unparsed: spansOf(
      unparsed.sort((a, b) => a - b),
      tokens,
      text,
    ),
  };
}

/** Whether the caption says its scene is empty: "no objects", naming and counting no object after it. */
export function saysNoObjects(parsed: ParsedCaption): boolean {
  return parsed.countSaid === 0 && parsed.objects.length === 0 && parsed.others === 0;
}

/**
 * The number of objects a caption states: its header's count, else the objects it names plus the others it
 * counts; null when it states none (names and counts nothing and has no header), which no scene's count equals.
 */
export function statedCount(parsed: ParsedCaption): number | null {
  if (parsed.countSaid !== null) return parsed.countSaid;
  const named = parsed.objects.length + parsed.others;
  return named > 0 ? named : null;
}

/** Merges runs of consecutive unparsed tokens into spans of the input. */
function spansOf(indices: readonly number[], tokens: readonly Token[], text: string): UnparsedSpan[] {
  const spans: UnparsedSpan[] = [];
  for (let k = 0; k < indices.length; k++) {
    let last = k;
    while (last + 1 < indices.length && indices[last + 1] === indices[last] + 1) last++;
    const start = tokens[indices[k]].start;
    const end = tokens[indices[last]].end;
    spans.push({ start, end, text: text.slice(start, end) });
    k = last;
  }
  return spans;
}

/** Objects with every attribute a detailed caption says, or null if any is missing. */
export function completeObjects(parsed: ParsedCaption): ObjectDescription[] | null {
  const complete = parsed.objects.every((o) => o.size && o.colour && o.pattern && o.shape && o.position);
  return complete ? (parsed.objects as ObjectDescription[]) : null;
}

/**
 * The canonical caption of what was parsed, in the caption's own style and the objects' order as said; null
 * when an object lacks an attribute the style needs, the count is over nine, or nothing was said at all.
 * "no objects" with nothing after it gives the empty caption. Normalises model output: a caption of the grammar
 * comes back unchanged.
 */
export function canonicalCaption(parsed: ParsedCaption): string | null {
  const { objects, others } = parsed;
  if (saysNoObjects(parsed)) return EMPTY_CAPTION;
  const total = objects.length + (parsed.style === 'short' ? others : 0);
  if (objects.length === 0 || total >= COUNT_WORDS.length) return null;
  if (parsed.style === 'detailed') {
    const complete = completeObjects(parsed);
    return complete ? detailedCaption(complete) : null;
  }
  if (!objects.every((o) => o.size && o.colour && o.shape)) return null;
  return shortCaptionOf(objects as { size: Size; colour: Colour; shape: Shape }[], others);
}
