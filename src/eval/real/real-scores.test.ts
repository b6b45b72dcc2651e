import { describe, expect, it } from 'vitest';
import { type LabelledPhoto, type PhotoCaptions, scorePass } from './real-scores';

const street: LabelledPhoto = {
  id: 'street',
  width: 1024,
  height: 512,
  split: 'report',
  objects: [
    { label: 'person', box: [100, 100, 100, 300] },
    { label: 'person', box: [300, 100, 100, 300] },
    { label: 'car', box: [500, 200, 300, 200] },
    // 40 px wide at 1024 -> 20 px at the 512 glance: small
    { label: 'dog', box: [900, 400, 40, 30] },
    { label: 'bicycle', box: [0, 0, 50, 50], ignore: true },
  ],
};
const baboon: LabelledPhoto = { id: 'baboon', width: 512, height: 512, split: 'report', objects: [] };

function captions(list: PhotoCaptions[]): Map<string, PhotoCaptions> {
  return new Map(list.map((c) => [c.id, c]));
}

describe('scorePass', () => {
  it('counts named labelled objects per class, hedges included, and names of unlabelled classes against precision', () => {
    const c = captions([
      {
        id: 'street',
        coarse: 'Two people on the left; a red car in the center; what looks like a cat on the right.',
        refined: 'Two people on the left; a red car in the center; a small dog in the bottom right.',
        objects: {
          coarse: [],
          refined: [{ label: 'dog', box: { x: 895, y: 398, w: 45, h: 32 }, score: 0.6, hedged: false }],
        },
      },
      { id: 'baboon', coarse: 'What looks like a teddy bear in the center.', refined: 'Nothing I can recognise.' },
    ]);
    const coarse = scorePass([street, baboon], c, 'coarse', 512);
    expect(coarse).toMatchObject({ labelled: 4, matched: 3, named: 5, smallLabelled: 1, smallMatched: 0 });
    expect(coarse.recall).toBeCloseTo(0.75);
    expect(coarse.precision).toBeCloseTo(0.6);
    expect(coarse).toMatchObject({ nonePhotos: 1, nonePhotosNaming: 1 });

    const refined = scorePass([street, baboon], c, 'refined', 512);
    expect(refined).toMatchObject({ labelled: 4, matched: 4, named: 4, smallMatched: 1, nonePhotosNaming: 0 });
    expect(refined.recall).toBe(1);
    expect(refined.precision).toBe(1);
  });

  it('lets an ignorable object be named or not, and a crowd be named any number of times', () => {
    const crowd: LabelledPhoto = {
      id: 'crowd',
      width: 100,
      height: 100,
      split: 'tune',
      objects: [
        { label: 'person', box: [0, 0, 10, 40] },
        { label: 'person', box: [10, 0, 100, 50], crowd: true },
        { label: 'kite', box: [0, 60, 10, 10], ignore: true },
      ],
    };
    const c = captions([
      { id: 'crowd', coarse: 'Many people at the top; a kite at the bottom.', refined: 'Two kites at the bottom.' },
    ]);
    const coarse = scorePass([crowd], c, 'coarse', 512);
    // one counted person (the crowd adds none); 13 people and 1 kite named, all fitting
    expect(coarse).toMatchObject({ labelled: 1, matched: 1, named: 14, fitting: 14, nonePhotos: 0 });
    const refined = scorePass([crowd], c, 'refined', 512);
    // the person is missed; one kite fits (one ignorable), the second does not
    expect(refined).toMatchObject({ labelled: 1, matched: 0, named: 2, fitting: 1 });
  });

  it('counts the labelled objects named without a hedge apart: a confirmed hedge raises it, recall stays', () => {
    const c = captions([
      {
        id: 'street',
        coarse: 'A person on the left; what looks like another person on the left; what looks like a car.',
        refined: 'Two people on the left; what looks like a car; a red car; what look like two more cars.',
      },
    ]);
    const coarse = scorePass([street], c, 'coarse', 512);
    expect(coarse).toMatchObject({ labelled: 4, matched: 3, matchedSure: 1 });
    const refined = scorePass([street], c, 'refined', 512);
    // the car is named (hedged and sure, four in all); one labelled car: matched once, surely once
    expect(refined).toMatchObject({ labelled: 4, matched: 3, matchedSure: 3 });
    expect(refined.sureRecall).toBeCloseTo(0.75);
  });
});
