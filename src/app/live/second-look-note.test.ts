import { describe, expect, it } from 'vitest';
import { secondLookNote } from './second-look-note';

describe('secondLookNote', () => {
  it('says whether the second look is pending, off, agreed, changed or dropped words', () => {
    expect(secondLookNote('a red star.', null, false)).toMatch(/looking again/);
    expect(secondLookNote('a red star.', null, true)).toMatch(/refinement off/);
    expect(secondLookNote('a red star.', 'a red star.', true)).toBe('The second look confirmed the first.');
    expect(secondLookNote('a red star.', 'a red striped star.', true)).toBe(
      'Highlighted: what the second look changed.',
    );
    expect(secondLookNote('two objects: a red star, a blue dot.', 'one object: a red star.', true)).toBe(
      'Highlighted: what the second look changed. It dropped “two objects, a blue dot”.',
    );
    expect(secondLookNote('a small red star.', 'a red star.', true)).toBe('It dropped “small”.');
  });
});
