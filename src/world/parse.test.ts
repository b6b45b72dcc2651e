import { describe, expect, it } from 'vitest';
import { detailedCaption, prominentIndices, shortCaption } from './captions';
import { canonicalCaption, parseCaption, saysNoObjects, statedCount, type ParsedObject } from './parse';
import { sceneSeed } from './random';
import {
  CROWDED_OBJECTS,
  sampleScene,
  type Cell,
  type Colour,
  type ObjectRange,
  type Pattern,
  type Shape,
  type Size,
} from './scene';

function said(
  size: Size | null,
  colour: Colour | null,
  shape: Shape | null,
  position: Cell | null,
  pattern: Pattern | null = 'plain',
): ParsedObject {
  return { size, colour, pattern, shape, position };
}

/** Compact, key-order-free form of objects, for comparing many at once. */
const keys = (objects: readonly ParsedObject[]): string =>
  objects.map((o) => [o.size, o.colour, o.pattern, o.shape, o.position].join('|')).join(';');

/** The span of `word`'s first occurrence at or after `from` in `text`. */
const spanOf = (text: string, word: string, from = 0) => {
  const start = text.indexOf(word, from);
  return { start, end: start + word.length, text: word };
};

describe('parseCaption round trip', () => {
  it.each([
    ['10,000 scenes of 1-6 objects', 10_000, {}],
    ['2,000 crowded scenes (7-9 objects)', 2000, CROWDED_OBJECTS],
  ] as [string, number, Partial<ObjectRange>][])(
    'gives back every object of %s, and the same caption, in both styles',
    (_, scenes, range) => {
      const failures: string[] = [];
      for (let i = 0; i < scenes; i++) {
        const { objects } = sampleScene(sceneSeed(11, i), range);
        const detailed = detailedCaption(objects);
        const parsedDetailed = parseCaption(detailed);
        const expected = objects.map((o) => said(o.size, o.colour, o.shape, o.position, o.pattern));
        if (
          canonicalCaption(parsedDetailed) !== detailed ||
          parsedDetailed.style !== 'detailed' ||
          parsedDetailed.countSaid !== objects.length ||
          parsedDetailed.unparsed.length > 0 ||
          keys(parsedDetailed.objects) !== keys(expected)
        )
          failures.push(detailed);

        const short = shortCaption(objects);
        const parsedShort = parseCaption(short);
        const named = prominentIndices(objects).map((k) =>
          said(objects[k].size, objects[k].colour, objects[k].shape, null, null),
        );
        if (
          canonicalCaption(parsedShort) !== short ||
          parsedShort.style !== 'short' ||
          parsedShort.countSaid !== objects.length ||
          parsedShort.others !== objects.length - named.length ||
          parsedShort.unparsed.length > 0 ||
          keys(parsedShort.objects) !== keys(named)
        )
          failures.push(short);
      }
      expect(failures.slice(0, 5)).toEqual([]);
    },
  );
});

// Each expectation is read off the caption by hand.
describe('parseCaption on grammar slips', () => {
  const truth = [
    said('small', 'blue', 'heart', 'top left', 'striped'),
    said('medium', 'white', 'circle', 'bottom center'),
  ];

  it.each([
    [
      'missing final period',
      'two objects: a small blue striped heart in the top left and a medium white circle at the bottom',
    ],
    ['missing "and"', 'two objects: a small blue striped heart in the top left a medium white circle at the bottom.'],
    [
      'extra commas, Oxford comma',
      'two objects:, a small blue striped heart in the top left,, and a medium white circle at the bottom.',
    ],
    [
      '"an" for "a"',
      'two objects: an small blue striped heart in the top left and an medium white circle at the bottom.',
    ],
    ['missing article', 'two objects: small blue striped heart in the top left and medium white circle at the bottom.'],
    [
      'missing colon',
      'two objects a small blue striped heart in the top left and a medium white circle at the bottom.',
    ],
    [
      'repeated words',
      'two objects: a small small blue striped heart in the the top left and a medium white white circle at at the bottom.',
    ],
    [
      'capitals and spacing',
      'Two objects:  A small blue striped heart in the top left and a medium white circle at the bottom .',
    ],
    ['variants', 'two objects: a small blue stripes heart in the top left and a medium white circles at the bottom.'],
  ])('reads through a %s', (_, text) => {
    const parsed = parseCaption(text);
    expect(parsed.objects).toEqual(truth);
    expect(parsed.countSaid).toBe(2);
    expect(parsed.unparsed).toEqual([]);
    expect(canonicalCaption(parsed)).toBe(
      'two objects: a small blue striped heart in the top left and a medium white circle at the bottom.',
    );
  });

  it('skips and reports unknown words, keeping the objects around them', () => {
    const text = 'two objects: a small shiny blue striped heart in the top left and a medium white blob at the bottom.';
    const parsed = parseCaption(text);
    expect(parsed.objects).toEqual([truth[0], said('medium', 'white', null, 'bottom center')]);
    expect(parsed.unparsed).toEqual([spanOf(text, 'shiny'), spanOf(text, 'blob')]);
    expect(canonicalCaption(parsed)).toBeNull(); // the second object has no shape
  });

  it('reads a missing pattern as plain and keeps a disagreeing count as said', () => {
    const parsed = parseCaption('three objects: a large red star in the center.');
    expect(parsed.objects).toEqual([said('large', 'red', 'star', 'center', 'plain')]);
    expect(parsed.countSaid).toBe(3);
    expect(canonicalCaption(parsed)).toBe('one object: a large red star in the center.');
  });

  it('keeps the first of two different values for one attribute and reports the second', () => {
    const text = 'one object: a large red green star in the center.';
    const parsed = parseCaption(text);
    expect(parsed.objects).toEqual([said('large', 'red', 'star', 'center')]);
    expect(parsed.unparsed).toEqual([spanOf(text, 'green')]);
  });

  it('starts a new object when a described one goes on without a separator', () => {
    const parsed = parseCaption('two objects: a large red star in the center small blue circle on the right.');
    expect(parsed.objects).toEqual([
      said('large', 'red', 'star', 'center'),
      said('small', 'blue', 'circle', 'middle right'),
    ]);
  });

  it('reports a position with no object and a word run that names too little', () => {
    const parsed = parseCaption('one object: in the top left a red, a large red star on the left.');
    expect(parsed.objects).toEqual([said('large', 'red', 'star', 'middle left')]);
    expect(parsed.unparsed.map((s) => s.text)).toEqual(['in the top left a red']);
  });

  it('says every cell phrase, and reads tolerated variants of them', () => {
    const phrases: [string, Cell][] = [
      ['in the top left', 'top left'],
      ['at the top', 'top center'],
      ['in the top right', 'top right'],
      ['on the left', 'middle left'],
      ['in the center', 'center'],
      ['on the right', 'middle right'],
      ['in the bottom left', 'bottom left'],
      ['at the bottom', 'bottom center'],
      ['in the bottom right', 'bottom right'],
      ['in the centre', 'center'],
      ['in the middle', 'center'],
      ['at the top center', 'top center'],
      ['top left', 'top left'],
    ];
    for (const [phrase, cell] of phrases)
      expect(parseCaption(`one object: a small red star ${phrase}.`).objects[0].position, phrase).toBe(cell);
  });

  it('reads short captions, with one or several others and digits', () => {
    expect(parseCaption('a large red star and one other object.')).toMatchObject({
      style: 'short',
      countSaid: 2,
      others: 1,
      objects: [said('large', 'red', 'star', null, null)],
    });
    const parsed = parseCaption('a large red star, a medium grey circle and 3 other objects');
    expect(parsed.objects).toEqual([
      said('large', 'red', 'star', null, null),
      said('medium', 'gray', 'circle', null, null),
    ]);
    expect(parsed.countSaid).toBe(5);
    expect(canonicalCaption(parsed)).toBe('a large red star, a medium gray circle and three other objects.');
  });

  it('returns nothing but an unparsed span for text outside the grammar', () => {
    const parsed = parseCaption('what a lovely day');
    expect(parsed.objects).toEqual([]);
    expect(parsed.unparsed.map((s) => s.text)).toEqual(['what a lovely day']);
    expect(canonicalCaption(parsed)).toBeNull();
    expect(parseCaption('').objects).toEqual([]);
  });
});

describe('parseCaption on empty scenes', () => {
  it('reads "no objects." back as no object, in either style, and writes it back the same', () => {
    const parsed = parseCaption('no objects.');
    expect(parsed).toEqual({ style: 'detailed', countSaid: 0, objects: [], others: 0, unparsed: [] });
    expect(saysNoObjects(parsed)).toBe(true);
    expect(statedCount(parsed)).toBe(0);
    expect(canonicalCaption(parsed)).toBe('no objects.');
  });

  it.each(['no objects', 'No objects .', 'no object.', 'no objects:', 'zero objects.', '0 objects'])(
    'tolerates "%s"',
    (text) => {
      const parsed = parseCaption(text);
      expect(parsed).toMatchObject({ countSaid: 0, objects: [], others: 0, unparsed: [] });
      expect(canonicalCaption(parsed)).toBe('no objects.');
    },
  );

  it('keeps objects named after "no objects": the caption contradicts itself and does not say nothing', () => {
    const parsed = parseCaption('no objects: a large red star in the center.');
    expect(parsed.countSaid).toBe(0);
    expect(parsed.objects).toEqual([said('large', 'red', 'star', 'center')]);
    expect(saysNoObjects(parsed)).toBe(false);
  });

  it('does not read text that names nothing as saying "no objects", nor as stating a count', () => {
    for (const text of ['', 'what a lovely day', 'objects.', 'no', 'there are no shapes here']) {
      const parsed = parseCaption(text);
      expect(saysNoObjects(parsed), text).toBe(false);
      expect(statedCount(parsed), text).toBeNull();
    }
  });
});
