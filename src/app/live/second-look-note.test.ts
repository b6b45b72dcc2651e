import { describe, expect, it } from 'vitest';
import { secondLookNote } from './second-look-note';

describe('secondLookNote', () => {
  it('says whether the second look is pending, off or agreed', () => {
    expect(secondLookNote('a red star.', null, false)).toMatch(/looking again/);
    expect(secondLookNote('a red star.', null, true)).toMatch(/refinement off/);
    expect(secondLookNote('a red star.', 'a red star.', true)).toBe('The second look confirmed the first.');
    expect(secondLookNote('a red star.', null, true, true)).toBe('Sure at a glance: no second look needed.');
    expect(secondLookNote('a red star.', null, false, true)).toMatch(/looking again/);
  });

  it('points at the marks for replaced or added words and quotes words only deleted', () => {
    // "circle" -> "star" is a replacement: marked in the caption, not quoted.
    expect(secondLookNote('a red circle.', 'a red star.', true)).toBe('Highlighted: what the second look changed.');
    expect(secondLookNote('a small red star.', 'a red star.', true)).toBe('It deleted “small”.');
    expect(secondLookNote('two objects: a red striped star, a blue dot.', 'one object: a red star.', true)).toBe(
      'Highlighted: what the second look changed. It deleted “striped”, “, a blue dot”.',
    );
  });

  it('quotes no words that only moved, nor a lone punctuation mark', () => {
    expect(
      secondLookNote(
        'A cat in the center; a person on the left; a small dog on the right.',
        'A cat in the center; a small dog on the right; a person on the left.',
        true,
      ),
    ).toBe('The second look confirmed the first.');
    expect(
      secondLookNote(
        'Two people: one on the left; the other on the right, close to the camera; what looks like a small white remote.',
        'Two people: one on the left, holding what looks like a small white remote; the other on the right, close to the camera.',
        true,
      ),
    ).toBe('Highlighted: what the second look changed.');
  });
});
