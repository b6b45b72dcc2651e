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

  it('does not mark a clause that only moved, and aligns the words around it', () => {
    // A real-world caption whose second look said what each person does and moved the second person's clause
    // after the remote, which is now held.
    const before =
      'Two people: one on the left; the other on the right, close to the camera; ' +
      'what looks like a small white remote in the top left.';
    const after =
      'Two people: one on the left, wearing black, facing the camera, standing, holding what looks like a small ' +
      'white remote in the top left; the other on the right, close to the camera, facing left.';
    const parts = wordDiff(before, after);
    expect(render(parts, 'added')).toBe(after);
    expect(render(parts, 'removed')).toBe(before);
    const changed = (kind: DiffPart['kind']) =>
      parts
        .filter((p) => p.kind === kind && !p.moved)
        .map((p) => p.text)
        .join('');
    expect(changed('added')).toBe(', wearing black, facing the camera, standing, holding, facing left');
    expect(changed('removed')).toBe(';');
    expect(
      parts
        .filter((p) => p.moved && p.kind === 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe('; the other on the right, close to the camera');
    expect(changedCount(parts)).toBe(15);
  });

  it('takes no run of function words alone for a move', () => {
    // "what looks like" is said in both, at different places, but it is the hedge that went from the car.
    const parts = wordDiff(
      'what looks like a white truck, next to what looks like a blue car.',
      'a car, next to what looks like a white truck.',
    );
    const moved = parts.filter((p) => p.moved).map((p) => p.text.trim());
    expect(moved.filter((t) => t !== ',' && !['what', 'looks', 'like', 'a'].includes(t))).toEqual([
      'white',
      'truck',
      'white',
      'truck',
    ]);
    expect(parts.some((p) => p.kind === 'removed' && !p.moved && p.text.trim() === 'looks')).toBe(true);
  });
});
