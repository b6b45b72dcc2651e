import { describe, expect, it } from 'vitest';
import { countWord, groupObjects, mergeDuplicates } from './group';
import { seen } from './test-helpers';

describe('countWord', () => {
  it('counts in words up to twelve, then many', () => {
    expect([1, 2, 3, 7, 11, 12, 13, 40].map(countWord)).toEqual([
      'one',
      'two',
      'three',
      'seven',
      'eleven',
      'twelve',
      'many',
      'many',
    ]);
    expect(() => countWord(0)).toThrow();
  });
});

describe('mergeDuplicates', () => {
  const d = (label: string, score: number, x: number) => ({ label, score, box: { x, y: 0, w: 100, h: 100 } });

  it('keeps the better of two same-class boxes that overlap above the threshold', () => {
    // x shifted by 10: IoU 90/110 = 0.82
    expect(mergeDuplicates([d('car', 0.6, 0), d('car', 0.9, 10)])).toEqual([d('car', 0.9, 10)]);
  });

  it('says one class for one unsure box, keeps different classes and same-class boxes that barely overlap', () => {
    expect(mergeDuplicates([d('cat', 0.6, 0), d('dog', 0.5, 0)]).map((x) => x.label)).toEqual(['cat']);
    // x shifted by 20: IoU 80/120 = 0.67, under CROSS_CLASS_IOU: a cat beside a dog
    expect(mergeDuplicates([d('cat', 0.6, 0), d('dog', 0.5, 20)])).toHaveLength(2);
    // x shifted by 50: IoU 50/150 = 0.33
    expect(mergeDuplicates([d('car', 0.6, 0), d('car', 0.7, 50)])).toHaveLength(2);
  });
});

describe('groupObjects', () => {
  it('groups by class, biggest first, hedged last, and marks hedged objects of a confident class as more', () => {
    const objects = [
      seen('dog', { x: 10, y: 10, w: 50, h: 50 }), // 0
      seen('cat', { x: 300, y: 300, w: 290, h: 290 }, { hedged: true }), // 1: biggest, but hedged
      seen('person', { x: 200, y: 10, w: 100, h: 300 }), // 2
      seen('person', { x: 400, y: 10, w: 100, h: 200 }), // 3
      seen('dog', { x: 10, y: 400, w: 60, h: 60 }, { hedged: true }), // 4: a dog is already sure
    ];
    expect(groupObjects(objects)).toEqual([
      { label: 'person', hedged: false, members: [2, 3] },
      { label: 'dog', hedged: false, members: [0] },
      { label: 'cat', hedged: true, members: [1] },
      { label: 'dog', hedged: true, members: [4], more: true },
    ]);
  });
});
