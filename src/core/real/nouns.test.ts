import { describe, expect, it } from 'vitest';
import { article, noun, NOUN_FORMS, NOUNS } from './nouns';

describe('nouns', () => {
  it('names all 80 COCO classes', () => {
    expect(Object.keys(NOUNS)).toHaveLength(80);
  });

  it.each([
    ['person', 'person', 'people'],
    ['mouse', 'mouse', 'mice'],
    ['knife', 'knife', 'knives'],
    ['sheep', 'sheep', 'sheep'],
    ['bus', 'bus', 'buses'],
    ['wine glass', 'wine glass', 'wine glasses'],
    ['skis', 'pair of skis', 'pairs of skis'],
    ['scissors', 'pair of scissors', 'pairs of scissors'],
    ['sports ball', 'ball', 'balls'],
    ['dining table', 'table', 'tables'],
    ['tv', 'screen', 'screens'],
    ['cell phone', 'phone', 'phones'],
    ['hair drier', 'hair dryer', 'hair dryers'],
    ['broccoli', 'head of broccoli', 'heads of broccoli'],
    ['toothbrush', 'toothbrush', 'toothbrushes'],
  ])('%s: one %s, two %s', (label, one, many) => {
    expect(noun(label, 1)).toBe(one);
    expect(noun(label, 2)).toBe(many);
  });

  it('reads every form back to one class', () => {
    for (const [label, [one, many]] of Object.entries(NOUNS)) {
      expect(NOUN_FORMS.get(one)?.label).toBe(label);
      expect(NOUN_FORMS.get(many)?.label).toBe(label);
    }
  });

  it('uses an before a vowel', () => {
    expect(article('umbrella')).toBe('an');
    expect(article('orange')).toBe('an');
    expect(article('small cup')).toBe('a');
  });
});
