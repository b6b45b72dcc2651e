/** Writer -> parser round trip and the caption's ethics over many generated object sets. */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../world/random';
import { COLOURS } from '../../world/scene';
import { MANY_COUNT } from './constants';
import { HAND_NOTES } from './describe-hand';
import { groupObjects } from './group';
import { NOUNS } from './nouns';
import { parseCaption } from './parse-caption';
import { seen } from './test-helpers';
import type { SeenObject } from './types';
import { writeCaption } from './write-caption';

const LABELS = Object.keys(NOUNS);
const NOTES = [
  'smiling',
  'looking surprised',
  'raising both arms',
  'raising one arm',
  'facing left',
  'sitting',
  'wearing red',
  ...HAND_NOTES,
];

function randomObjects(rng: Rng): SeenObject[] {
  const classes = Array.from({ length: 1 + rng.int(5) }, () => (rng.chance(0.4) ? 'person' : rng.pick(LABELS)));
  return classes.flatMap((label) =>
    Array.from({ length: rng.chance(0.15) ? 1 + rng.int(16) : 1 + rng.int(3) }, () => {
      const w = 10 + rng.int(300);
      const h = 10 + rng.int(300);
      const person = label === 'person';
      return seen(
        label,
        { x: rng.int(600 - w), y: rng.int(600 - h), w, h },
        {
          hedged: rng.chance(0.3),
          colour: !person && rng.chance(0.6) ? rng.pick(COLOURS) : undefined,
          size: person ? (rng.chance(0.2) ? 'close' : undefined) : rng.pick(['small', 'large', undefined] as const),
          notes: person ? NOTES.filter(() => rng.chance(0.2)).slice(0, 3) : [],
        },
      );
    }),
  );
}

const key = (i: { label: string; count: number; hedged: boolean }) => `${i.label}|${i.count}|${i.hedged}`;

describe('write -> parse', () => {
  it('gives back every named group (label, count, hedge) for 2,000 generated sets, in both styles', () => {
    const rng = createRng(14);
    for (let n = 0; n < 2000; n++) {
      const objects = randomObjects(rng);
      const groups = groupObjects(objects);
      for (const [style, max] of [
        ['detailed', 6],
        ['short', 3],
      ] as const) {
        // A short caption leaves out the hedged extras of a class it names (write-caption.ts), and their count;
        // those of a class it leaves out count among its other things.
        const candidates = style === 'short' ? groups.filter((g) => !g.more) : groups;
        const shown = candidates.slice(0, max);
        const expected = shown.map((g) => ({
          label: g.label,
          count: g.members.length > 12 ? MANY_COUNT : g.members.length,
          hedged: g.hedged,
        }));
        const parsed = parseCaption(writeCaption(objects, style));
        expect(parsed.items.map(key).sort(), writeCaption(objects, style)).toEqual(expected.map(key).sort());
        const shownClasses = new Set(shown.map((g) => g.label));
        const rest = groups
          .filter((g) => !shown.includes(g) && !(style === 'short' && g.more && shownClasses.has(g.label)))
          .reduce((s, g) => s + g.members.length, 0);
        expect(parsed.others).toBe(Math.min(rest, MANY_COUNT));
        // Hand notes come back whole, and only those some object has.
        const said = new Set(objects.flatMap((o) => o.notes));
        for (const h of parsed.hands) expect(said.has(h), h).toBe(true);
        if (style === 'short') expect(parsed.hands).toEqual([]);
      }
    }
  });
});

describe('the caption never states age, gender or ethnicity', () => {
  const BANNED =
    /\b(man|men|woman|women|boy|boys|girl|girls|male|female|lady|ladies|gentleman|guy|guys|child|children|kid|kids|baby|toddler|teen|teenager|adult|old|young|elderly|aged|asian|african|caucasian|hispanic|latino|latina|skin|race|ethnic)\b/i;
  const colours = COLOURS.join('|');
  const COLOURED_PERSON = new RegExp(`\\b(${colours}) (person|people)\\b`, 'i');
  const UNWORN_COLOUR = new RegExp(`\\b(?<!wearing )(${colours}) (person|people)\\b`, 'i');

  it('over 2,000 generated sets', () => {
    const rng = createRng(7);
    for (let n = 0; n < 2000; n++) {
      const objects = randomObjects(rng);
      for (const style of ['short', 'detailed'] as const) {
        const text = writeCaption(objects, style);
        expect(text).not.toMatch(BANNED);
        expect(text).not.toMatch(COLOURED_PERSON);
        expect(text).not.toMatch(UNWORN_COLOUR);
        expect(text).not.toMatch(/\b(small|large) (person|people)\b/i);
      }
    }
  });
});
