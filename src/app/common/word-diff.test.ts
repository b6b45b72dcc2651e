import { describe, expect, it } from 'vitest';
import { captionTokens, changedCount, wordDiff, type DiffPart } from './word-diff';

const render = (parts: DiffPart[], keep: DiffPart['kind']) =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === keep)
    .map((p) => p.text)
    .join('');

describe('captionTokens', () => {
  it('splits words and glued punctuation', () => {
    expect(captionTokens('two objects: a red circle, a star.')).toEqual([
      'two',
      'objects',
      ':',
      'a',
      'red',
      'circle',
      ',',
      'a',
      'star',
      '.',
    ]);
    expect(captionTokens('   ')).toEqual([]);
  });
});

describe('wordDiff', () => {
  it('marks a swapped word as removed then added, the rest kept', () => {
    const parts = wordDiff('a small red circle at the top left.', 'a small red star at the top left.');
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: ' circle' },
      { kind: 'added', text: ' star' },
    ]);
    expect(changedCount(parts)).toBe(2);
  });

  it('rebuilds both captions with their own spacing', () => {
    const before = 'two objects: a blue square, a red circle.';
    const after = 'three objects: a blue striped square, a red circle, a green heart.';
    const parts = wordDiff(before, after);
    expect(render(parts, 'added')).toBe(after);
    expect(render(parts, 'removed')).toBe(before);
    const added = parts.filter((p) => p.kind === 'added').map((p) => p.text.trim());
    // "three" replaces "two"; "striped" and ", a green heart" are new; the final "." is kept.
    expect(added).toEqual(['three', 'striped', ',', 'a', 'green', 'heart']);
  });

  it('has no changes for equal captions and handles empty ones', () => {
    expect(changedCount(wordDiff('a red star.', 'a red star.'))).toBe(0);
    expect(wordDiff('', 'a star.')).toEqual([
      { kind: 'added', text: 'a' },
      { kind: 'added', text: ' star' },
      { kind: 'added', text: '.' },
    ]);
    expect(wordDiff('a star.', '').every((p) => p.kind === 'removed')).toBe(true);
  });

  it('marks only the punctuation when only the punctuation differs', () => {
    const parts = wordDiff('a red star,', 'a red star.');
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: ',' },
      { kind: 'added', text: '.' },
    ]);
  });
});
