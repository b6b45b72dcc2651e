/**
 * Reads a caption of the real-world grammar back into {label, count, hedged} items, for `npm run eval` (recall and
 * precision per COCO class against hand labels). An object is a determiner ('a', 'an', a count word, a digit,
 * 'many'), optionally after "what looks/look like", then size/colour words, then a noun of NOUNS ('another' and
 * 'N more' for more of a class said before: the items of a class add up). Everything else (positions, notes,
 * "the car", "one of them", the scene after "probably") names no new object; hand notes ("pointing left", "making
 * two fists") are read whole into `hands`, so their words never count as objects.
 */
import { COLOURS } from '../../world/scene';
import { MANY_COUNT, NOTHING_CAPTION } from './constants';
import { HAND_NOTES } from './describe-hand';
import { COUNT_VALUES } from './group';
import { NOUN_FORMS } from './nouns';

/** One object group a caption names. */
export interface ParsedItem {
  /** COCO class name. */
  label: string;
  /** How many; MANY_COUNT for 'many'. */
  count: number;
  hedged: boolean;
}

/** A parsed caption: its items in caption order, the scene it guessed, the "N other things" it counted. */
export interface ParsedCaption {
  items: ParsedItem[];
  scene: string | null;
  others: number;
  /** True for exactly the 'nothing' caption. */
  nothing: boolean;
  /** The hand notes said, in caption order ('pointing left', 'making a fist', ...: HAND_NOTES). */
  hands: string[];
}

const ADJECTIVES = new Set<string>(['small', 'large', ...COLOURS]);
const LONGEST_NOUN_WORDS = Math.max(...[...NOUN_FORMS.keys()].map((k) => k.split(' ').length));

function determiner(w: string | undefined): number | null {
  if (w === undefined) return null;
  if (w === 'a' || w === 'an' || w === 'another') return 1;
  if (w === 'many') return MANY_COUNT;
  if (/^\d+$/.test(w)) return Number(w);
  const n = COUNT_VALUES.get(w);
  return n !== undefined && n > 0 ? n : null;
}

/** The longest noun form starting at word j: its label and how many words it spans. */
function nounAt(words: readonly string[], j: number): { label: string; span: number } | null {
  for (let span = LONGEST_NOUN_WORDS; span >= 1; span--) {
    const form = NOUN_FORMS.get(words.slice(j, j + span).join(' '));
    if (form) return { label: form.label, span };
  }
  return null;
}

/** Hand notes by length, longest first ('pointing left' before 'pointing'), as word lists. */
const HAND_PHRASES = [...HAND_NOTES].sort((a, b) => b.split(' ').length - a.split(' ').length);

/** The hand note starting at word i, if any: its words are a note, never an object ('making two fists'). */
function handNoteAt(words: readonly string[], i: number): string | null {
  for (const phrase of HAND_PHRASES) {
    const parts = phrase.split(' ');
    if (parts.every((w, k) => words[i + k] === w)) return phrase;
  }
  return null;
}

export function parseCaption(text: string): ParsedCaption {
  const out: ParsedCaption = { items: [], scene: null, others: 0, nothing: false, hands: [] };
  if (text.trim().toLowerCase() === NOTHING_CAPTION.toLowerCase()) return { ...out, nothing: true };
  const words = text
    .toLowerCase()
    .replace(/([,;:.])/g, ' $1 ')
    .split(/\s+/)
    .filter((w) => w && w !== ',' && w !== ';' && w !== ':');
  let i = 0;
  while (i < words.length) {
    if (words[i] === 'probably') {
      let j = i + 1;
      while (j < words.length && words[j] !== '.') j++;
      out.scene = words.slice(i + 1, j).join(' ') || null;
      i = j;
      continue;
    }
    const hand = handNoteAt(words, i);
    if (hand) {
      out.hands.push(hand);
      i += hand.split(' ').length;
      continue;
    }
    let j = i;
    let hedged = false;
    if (words[j] === 'what' && (words[j + 1] === 'looks' || words[j + 1] === 'look') && words[j + 2] === 'like') {
      hedged = true;
      j += 3;
    }
    const count = determiner(words[j]);
    if (count === null) {
      i++;
      continue;
    }
    j++;
    // "two more horses": more of a class said before; the items add up per class.
    if (words[j] === 'more' && count > 1) j++;
    if (words[j] === 'other' && (words[j + 1] === 'thing' || words[j + 1] === 'things')) {
      out.others += count;
      i = j + 2;
      continue;
    }
    // Adjectives, then a noun; backing off when the noun is itself an adjective word ("a small orange").
    let k = j;
    while (ADJECTIVES.has(words[k])) k++;
    let n = nounAt(words, k);
    while (!n && k > j) n = nounAt(words, --k);
    j = k;
    if (!n) {
      i++;
      continue;
    }
    out.items.push({ label: n.label, count, hedged });
    i = j + n.span;
  }
  return out;
}
