import { describe, expect, it } from 'vitest';
import { guessScene } from './scene-guess';

const sure = (...labels: string[]) => labels.map((label) => ({ label, hedged: false }));

describe('guessScene', () => {
  it.each([
    [['oven', 'bowl'], 'a kitchen'],
    [['laptop', 'keyboard', 'cup'], 'a desk'],
    [['car', 'traffic light', 'person'], 'a street'],
    [['couch', 'tv', 'remote'], 'a living room'],
    [['dining table', 'wine glass', 'fork'], 'a dining room'],
    [['bed'], 'a bedroom'],
    [['cow', 'sheep'], 'a field with animals'],
    [['surfboard', 'umbrella'], 'a beach'],
    [['airplane'], 'an airport'],
  ])('%j is probably %s', (labels, scene) => {
    expect(guessScene(sure(...labels))).toBe(scene);
  });

  it('says nothing below the minimum evidence', () => {
    expect(guessScene(sure('oven'))).toBeNull(); // 1.5 < 2
    expect(guessScene(sure('person', 'dog', 'cup'))).toBeNull();
    expect(guessScene([])).toBeNull();
  });

  it('counts a class once however many there are', () => {
    expect(guessScene(sure('car', 'car', 'car'))).toBeNull(); // 1, not 3
  });

  it('says nothing when two scenes fit about equally', () => {
    // kitchen: sink 1 + oven 1.5 = 2.5; bathroom: sink 1 + toothbrush 1.5 = 2.5 when both present
    expect(guessScene(sure('sink', 'oven', 'toothbrush'))).toBeNull();
  });

  it('weighs hedged objects by half', () => {
    expect(guessScene([{ label: 'bed', hedged: true }])).toBeNull(); // 1 < 2
    expect(
      guessScene([
        { label: 'oven', hedged: false },
        { label: 'microwave', hedged: true },
      ]),
    ).toBe('a kitchen');
  });
});
