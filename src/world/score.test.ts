import { describe, expect, it } from 'vitest';
import type { Cell, Colour, ObjectDescription, Pattern, Shape, Size } from './scene';
import { addTallies, matchObjects, scoreCaption } from './score';
import { summarize } from './score-summary';

function obj(size: Size, colour: Colour, shape: Shape, position: Cell, pattern: Pattern = 'plain'): ObjectDescription {
  return { size, colour, shape, position, pattern };
}

// Truth for case 1, in reading order.
const case1Truth = [
  obj('small', 'red', 'star', 'top left', 'striped'),
  obj('medium', 'blue', 'circle', 'center'),
  obj('large', 'green', 'square', 'bottom right', 'dotted'),
];
// P0 "small red star, top left": same cell as T0; pattern unsaid = plain, T0 is striped -> pattern wrong.
// P1 "medium blue circle, top": no true object in the top cell; agrees with T1 on shape, colour, size (3 >= 2)
//    -> paired with T1, position wrong.
// P2 "large yellow heart, bottom left": nothing in that cell; best identity agreement is 1 (size, with T2)
//    -> unpaired: hallucinated. T2 is then missed.
const case1Caption =
  'three objects: a small red star in the top left, a medium blue circle at the top and a large yellow heart in the bottom left.';

// Two objects in one cell: the pairing with the most agreement wins.
// T0 small red star, T1 medium blue heart, both center; P0 medium blue heart, P1 small red circle, both center.
// P0-T1 agrees on 4 (shape, colour, size, pattern), P1-T0 on 3 (colour, size, pattern): 7.
// The other pairing, P0-T0 and P1-T1, agrees on pattern only: 1 + 1 = 2.
const case3Truth = [obj('small', 'red', 'star', 'center'), obj('medium', 'blue', 'heart', 'center')];
const case3Caption = 'two objects: a medium blue heart in the center and a small red circle in the center.';

describe('matchObjects and scoreCaption on hand-made cases', () => {
  it('case 1: a misplaced object, a wrong pattern, a hallucinated and a missed object', () => {
    const s = summarize(scoreCaption(case1Truth, case1Caption, 'detailed'));
    // Matched pairs: P0-T0 and P1-T1.
    expect(s).toMatchObject({ captions: 1, objects: 3, matched: 2, missed: 1, predicted: 3, hallucinated: 1 });
    expect(s.attributeAccuracy).toEqual({ shape: 1, colour: 1, size: 1, pattern: 1 / 2, position: 1 / 2 });
    expect(s.fullObjectAccuracy).toBe(0); // T0 has the pattern wrong, T1 the position, T2 is missed: 0/3
    expect(s.missedRate).toBeCloseTo(1 / 3, 12);
    expect(s.hallucinationRate).toBeCloseTo(1 / 3, 12);
    expect(s.countAccuracy).toBe(1); // says three, there are three
    expect(s.captionHallucinationRate).toBe(1);
    // By size: the small and medium objects are matched, the large one missed; the hallucination said "large".
    expect(s.bySize.small).toMatchObject({ objects: 1, matched: 1, missed: 0, predicted: 1, hallucinated: 0 });
    expect(s.bySize.small.attributeAccuracy.pattern).toBe(0);
    expect(s.bySize.medium.attributeAccuracy.position).toBe(0);
    expect(s.bySize.medium.attributeAccuracy.pattern).toBe(1);
    expect(s.bySize.large).toMatchObject({ objects: 1, matched: 0, missed: 1, missedRate: 1, predicted: 1 });
    expect(s.bySize.large.hallucinationRate).toBe(1);
    expect(s.bySize.large.attributeAccuracy.shape).toBeNull(); // nothing large was matched
  });

  it('case 2: the same cell outranks a better attribute agreement elsewhere', () => {
    const truth = [obj('small', 'red', 'star', 'top left'), obj('small', 'blue', 'circle', 'top center')];
    // Same-cell pairs P0-T0 and P1-T1 agree on size and pattern only; the crossed pairs agree on all but position.
    const caption = 'two objects: a small blue circle in the top left and a small red star at the top.';
    const parsedPredicted = [
      { size: 'small', colour: 'blue', shape: 'circle', position: 'top left', pattern: 'plain' },
      { size: 'small', colour: 'red', shape: 'star', position: 'top center', pattern: 'plain' },
    ] as const;
    expect(matchObjects(truth, parsedPredicted).map((m) => [m.truth, m.predicted])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    const s = summarize(scoreCaption(truth, caption, 'detailed'));
    expect(s.attributeAccuracy).toEqual({ shape: 0, colour: 0, size: 1, pattern: 1, position: 1 });
    expect(s).toMatchObject({ matched: 2, missed: 0, hallucinated: 0, fullObjectAccuracy: 0 });
  });

  it('case 3: among objects in one cell, the pairing with the most agreement', () => {
    const s = summarize(scoreCaption(case3Truth, case3Caption, 'detailed'));
    // Pairs P0-T1 (all right) and P1-T0 (shape wrong): shape 1/2, the rest 2/2; one of two objects fully right.
    expect(s.attributeAccuracy).toEqual({ shape: 1 / 2, colour: 1, size: 1, pattern: 1, position: 1 });
    expect(s.fullObjectAccuracy).toBe(1 / 2);
    expect(s.bySize.medium.fullObjectAccuracy).toBe(1);
    expect(s.bySize.small.fullObjectAccuracy).toBe(0);
  });

  it('case 4: a short caption is scored on the objects it should name, by shape, colour and size', () => {
    // Reading order; the prominent two are the large red star and the first medium object, the green square.
    const truth = [
      obj('large', 'red', 'star', 'top left'),
      obj('small', 'blue', 'circle', 'top right', 'dotted'),
      obj('medium', 'green', 'square', 'center'),
      obj('medium', 'pink', 'heart', 'bottom left'),
    ];
    // P0 is the star, all right. P1 "medium green cross" agrees with the square on colour and size: paired,
    // shape wrong. The caption counts 2 + 3 = 5 objects; there are 4.
    const s = summarize(
      scoreCaption(truth, 'a large red star, a medium green cross and three other objects.', 'short'),
    );
    expect(s).toMatchObject({ objects: 2, matched: 2, missed: 0, predicted: 2, hallucinated: 0 });
    expect(s.attributeAccuracy).toEqual({ shape: 1 / 2, colour: 1, size: 1, pattern: null, position: null });
    expect(s.fullObjectAccuracy).toBe(1 / 2);
    expect(s.countAccuracy).toBe(0);
  });

  it('case 5: a short caption naming an object that is not there', () => {
    const truth = [obj('large', 'red', 'star', 'top left'), obj('medium', 'green', 'square', 'center')];
    // "a small blue heart" agrees with the square on nothing of shape/colour/size: hallucinated, square missed.
    const s = summarize(scoreCaption(truth, 'a large red star and a small blue heart.', 'short'));
    expect(s).toMatchObject({ matched: 1, missed: 1, hallucinated: 1, hallucinationRate: 1 / 2 });
    expect(s.bySize.small).toMatchObject({ objects: 0, predicted: 1, hallucinated: 1 });
    expect(s.countAccuracy).toBe(1); // names two, there are two
  });

  it('case 6: an empty or unreadable caption misses everything and reports it', () => {
    const s = summarize(scoreCaption(case3Truth, 'sorry, I cannot see', 'detailed'));
    expect(s).toMatchObject({ objects: 2, matched: 0, missed: 2, missedRate: 1, predicted: 0, hallucinated: 0 });
    expect(s.hallucinationRate).toBeNull();
    expect(s.fullObjectAccuracy).toBe(0);
    expect(s.countAccuracy).toBe(0);
    expect(s.unparsedRate).toBe(1);
  });

  it('aggregates counts, not rates: case 1 + case 3', () => {
    const s = summarize(
      addTallies(
        scoreCaption(case1Truth, case1Caption, 'detailed'),
        scoreCaption(case3Truth, case3Caption, 'detailed'),
      ),
    );
    // Objects 3 + 2 = 5, matched 2 + 2 = 4, fully right 0 + 1 = 1, predicted 3 + 2 = 5, hallucinated 1 + 0 = 1.
    expect(s).toMatchObject({ captions: 2, objects: 5, matched: 4, missed: 1, predicted: 5, hallucinated: 1 });
    expect(s.fullObjectAccuracy).toBe(1 / 5);
    // shape (2 + 1) / 4, pattern (1 + 2) / 4, position (1 + 2) / 4, colour and size 4 / 4.
    expect(s.attributeAccuracy).toEqual({ shape: 3 / 4, colour: 1, size: 1, pattern: 3 / 4, position: 3 / 4 });
    expect(s.hallucinationRate).toBe(1 / 5);
    expect(s.captionHallucinationRate).toBe(1 / 2);
    expect(s.countAccuracy).toBe(1);
  });
});

describe('scoring empty scenes and "no objects."', () => {
  const empty: ObjectDescription[] = [];

  it.each(['detailed', 'short'] as const)('an empty scene said as "no objects." (%s) is right and counted', (style) => {
    const s = summarize(scoreCaption(empty, 'no objects.', style));
    expect(s).toMatchObject({ captions: 1, emptyScenes: 1, saidNothing: 1, falseNothing: null, countAccuracy: 1 });
    expect(s).toMatchObject({ objects: 0, missed: 0, predicted: 0, hallucinated: 0, captionHallucinationRate: 0 });
    // Nothing to be right or wrong about: object rates have no denominator.
    expect([s.fullObjectAccuracy, s.missedRate, s.hallucinationRate]).toEqual([null, null, null]);
  });

  it('counts every object named on an empty scene as hallucinated, and its count as wrong', () => {
    const s = summarize(
      scoreCaption(empty, 'two objects: a large red star in the center and a small blue heart.', 'detailed'),
    );
    expect(s).toMatchObject({ predicted: 2, hallucinated: 2, hallucinationRate: 1, captionHallucinationRate: 1 });
    expect(s).toMatchObject({ saidNothing: 0, countAccuracy: 0, objects: 0, missedRate: null });
    expect(s.bySize.large).toMatchObject({ predicted: 1, hallucinated: 1 });
    const short = summarize(scoreCaption(empty, 'a large red star and one other object.', 'short'));
    expect(short).toMatchObject({ predicted: 1, hallucinated: 1, saidNothing: 0, countAccuracy: 0 });
  });

  it('does not count unreadable text on an empty scene as saying nothing or as a right count', () => {
    for (const text of ['', 'sorry, I cannot see']) {
      const s = summarize(scoreCaption(empty, text, 'detailed'));
      expect(s, text).toMatchObject({ saidNothing: 0, countAccuracy: 0, hallucinated: 0 });
    }
  });

  it('counts "no objects." of a scene with objects as a false nothing: all missed, count wrong', () => {
    const s = summarize(scoreCaption(case3Truth, 'no objects.', 'detailed'));
    expect(s).toMatchObject({ emptyScenes: 0, saidNothing: null, falseNothing: 1, countAccuracy: 0 });
    expect(s).toMatchObject({ objects: 2, missed: 2, missedRate: 1, predicted: 0, unparsedRate: 0 });
    expect(summarize(scoreCaption(case3Truth, case3Caption, 'detailed')).falseNothing).toBe(0);
  });

  it('sums over a split: saidNothing over empty scenes only, falseNothing over the others', () => {
    const tallies = [
      scoreCaption(empty, 'no objects.', 'detailed'),
      scoreCaption(empty, 'one object: a large red star in the center.', 'detailed'),
      scoreCaption(empty, 'no object', 'short'),
      scoreCaption(case3Truth, 'no objects.', 'detailed'),
      scoreCaption(case1Truth, case1Caption, 'detailed'),
    ];
    const s = summarize(tallies.reduce(addTallies));
    expect(s).toMatchObject({ captions: 5, emptyScenes: 3, saidNothing: 2 / 3, falseNothing: 1 / 2 });
    // Counts right: both "no objects" on empty scenes and case 1's "three objects"; wrong: the star, case 3.
    expect(s.countAccuracy).toBe(3 / 5);
    // Hallucinated: the star on an empty scene and case 1's yellow heart, of 1 + 3 predicted objects.
    expect(s).toMatchObject({ predicted: 4, hallucinated: 2, hallucinationRate: 1 / 2 });
  });
});
