import { describe, expect, it } from 'vitest';
import { describeObjects } from './describe-objects';
import { mergeLook } from './merge-look';
import { paint, solidFrame } from './test-helpers';
import type { Box, Detection, RegionLook } from './types';
import { writeCaption } from './write-caption';

const det = (label: string, score: number, box: Box): Detection => ({ classId: 0, label, score, box });
const frame = solidFrame(600, 600, [128, 128, 128]);
paint(frame, { x: 100, y: 100, w: 80, h: 80 }, [245, 135, 20]); // the orange animal
paint(frame, { x: 300, y: 300, w: 30, h: 40 }, [235, 235, 230]); // the white cup

const dogBox = { x: 100, y: 100, w: 80, h: 80 };
const catBox = { x: 440, y: 80, w: 60, h: 60 };
const personBox = { x: 200, y: 60, w: 200, h: 460 };

describe('mergeLook: one scene, every rule', () => {
  const glance = describeObjects(
    [det('dog', 0.45, dogBox), det('cat', 0.35, catBox), det('person', 0.9, personBox)],
    frame,
  );
  const looks: RegionLook[] = [
    { box: { x: 60, y: 60, w: 160, h: 160 }, detections: [det('cat', 0.8, dogBox)] },
    { box: { x: 400, y: 40, w: 140, h: 140 }, detections: [] },
    {
      box: { x: 180, y: 40, w: 240, h: 500 },
      detections: [det('person', 0.92, personBox), det('cup', 0.7, { x: 300, y: 300, w: 30, h: 40 })],
      people: [{ box: personBox, expression: { happy: 0.9, neutral: 0.1 } }],
    },
  ];

  it('corrects, withdraws (when asked to), finds and details', () => {
    const out = mergeLook(glance, looks, frame, { withdrawUnconfirmed: true });
    expect(out.objects.map((o) => [o.label, o.hedged, o.origin])).toEqual([
      ['cat', false, 'glance'],
      ['person', false, 'glance'],
      ['cup', false, 'look'],
    ]);
    expect(out.changes).toEqual([
      { kind: 'withdrawn', index: 1, label: 'cat' },
      { kind: 'corrected', index: 0, label: 'cat', from: 'dog' },
      { kind: 'detailed', index: 1, label: 'person', notes: ['smiling'] },
      { kind: 'found', index: 2, label: 'cup' },
    ]);
  });

  it('gives a refined caption that reads like the coarse one plus what the look changed', () => {
    expect(writeCaption(glance, 'detailed')).toBe(
      'A person in the center; what looks like a small orange dog in the top left; ' +
        'what looks like a small gray cat in the top right.',
    );
    const refined = mergeLook(glance, looks, frame, { withdrawUnconfirmed: true }).objects;
    expect(writeCaption(refined, 'detailed')).toBe(
      'A person in the center, smiling, holding a small white cup; a small orange cat in the top left.',
    );
    expect(writeCaption(refined, 'short')).toBe('A person, a cat and a cup.');
  });

  it('by default keeps an unconfirmed hedged object hedged instead of withdrawing it', () => {
    const out = mergeLook(glance, looks, frame);
    expect(out.changes.map((c) => c.kind)).not.toContain('withdrawn');
    expect(out.objects.find((o) => o.label === 'cat' && o.hedged)).toBeDefined();
  });

  it('does not change the glance objects it was given', () => {
    mergeLook(glance, looks, frame);
    expect(glance.map((o) => o.label)).toEqual(['dog', 'cat', 'person']);
    expect(glance[2].notes).toEqual([]);
  });
});

describe('mergeLook: single rules', () => {
  const region = { x: 60, y: 60, w: 160, h: 160 };

  it('confirms a hedged object the crop sees clearly, keeps it hedged when the crop is unsure too', () => {
    const [bird] = describeObjects([det('bird', 0.4, dogBox)], frame);
    const sure = mergeLook([bird], [{ box: region, detections: [det('bird', 0.7, dogBox)] }], frame);
    expect(sure.objects.map((o) => [o.hedged, o.score])).toEqual([[false, 0.7]]);
    expect(sure.changes).toEqual([{ kind: 'confirmed', index: 0, label: 'bird' }]);
    const unsure = mergeLook([bird], [{ box: region, detections: [det('bird', 0.35, dogBox)] }], frame);
    expect(unsure.objects.map((o) => o.hedged)).toEqual([true]);
    expect(unsure.changes).toEqual([]);
  });

  it('keeps a hedged object no region looked at, and a confident one the crop missed', () => {
    const objects = describeObjects([det('bird', 0.4, catBox), det('dog', 0.8, dogBox)], frame);
    const out = mergeLook(objects, [{ box: region, detections: [] }], frame);
    expect(out.objects.map((o) => o.label)).toEqual(['dog', 'bird']);
    expect(out.changes).toEqual([]);
  });

  it('reads a person seen from two regions once, from the first region', () => {
    const [person] = describeObjects([det('person', 0.9, personBox)], frame);
    const look = (happy: number): RegionLook => ({
      box: { x: 180, y: 40, w: 240, h: 500 },
      detections: [],
      people: [{ box: personBox, keypoints: [], expression: { happy } }],
    });
    const out = mergeLook([person], [look(0.9), look(0.1)], frame);
    expect(out.objects[0].notes).toEqual(['smiling']);
    expect(out.changes).toEqual([{ kind: 'detailed', index: 0, label: 'person', notes: ['smiling'] }]);
  });

  it('relabels only with a clear margin', () => {
    const [dog] = describeObjects([det('dog', 0.7, dogBox)], frame);
    const out = mergeLook([dog], [{ box: region, detections: [det('cat', 0.8, dogBox)] }], frame);
    expect(out.objects.map((o) => o.label)).toEqual(['dog']);
  });

  it('finds nothing from a weak or cut-off crop detection, or one that is the same object seen in part', () => {
    const inner = { x: 100, y: 100, w: 40, h: 40 };
    const [dog] = describeObjects([det('dog', 0.8, dogBox)], frame);
    const looks: RegionLook[] = [
      {
        box: region,
        detections: [
          det('cup', 0.45, { x: 150, y: 150, w: 20, h: 20 }), // hedged: not enough to add
          det('bottle', 0.9, { x: 60, y: 150, w: 20, h: 40 }), // touches the region's left edge (x 60)
          det('dog', 0.9, inner), // inside the glance's dog
        ],
      },
    ];
    expect(mergeLook([dog], looks, frame).objects).toHaveLength(1);
  });
});
