import { describe, expect, it } from 'vitest';
import type { ObjectDescription } from '../world/scene';
import { addTallies, scoreCaption } from '../world/score';
import { isFullyCorrect, refinementEffect } from './refinement';

const objects: ObjectDescription[] = [
  { shape: 'star', colour: 'red', size: 'small', pattern: 'striped', position: 'top left' },
  { shape: 'circle', colour: 'blue', size: 'large', pattern: 'plain', position: 'center' },
];
const truth = 'two objects: a small red striped star in the top left and a large blue circle in the center.';

describe('isFullyCorrect', () => {
  it('accepts the true caption in either style', () => {
    expect(isFullyCorrect(scoreCaption(objects, truth, 'detailed'))).toBe(true);
    expect(isFullyCorrect(scoreCaption(objects, 'a large red circle and a small red star.', 'short'))).toBe(false);
    expect(isFullyCorrect(scoreCaption(objects, 'a large blue circle and a small red star.', 'short'))).toBe(true);
  });

  it('rejects one wrong attribute, a missed object, an extra object and a wrong count', () => {
    const wrongPattern = truth.replace('striped star', 'dotted star');
    const missed = 'one object: a large blue circle in the center.';
    const extra = truth.replace('center.', 'center and a small green heart in the bottom right.');
    const count = truth.replace('two objects', 'three objects');
    for (const caption of [wrongPattern, missed, extra, count]) {
      expect(isFullyCorrect(scoreCaption(objects, caption, 'detailed')), caption).toBe(false);
    }
  });

  it('takes one caption only', () => {
    const one = scoreCaption(objects, truth, 'detailed');
    expect(() => isFullyCorrect(addTallies(one, one))).toThrow(/one caption/);
  });
});

describe('refinementEffect', () => {
  it('counts captions refinement broke and fixed, over the correct and the wrong coarse ones', () => {
    const effect = refinementEffect([
      { coarse: true, refined: true },
      { coarse: true, refined: false },
      { coarse: true, refined: true },
      { coarse: true, refined: true },
      { coarse: false, refined: true },
      { coarse: false, refined: false },
    ]);
    expect(effect).toEqual({
      captions: 6,
      coarseCorrect: 4,
      refinedCorrect: 4,
      broken: 1,
      brokenShare: 0.25,
      fixed: 1,
      fixedShare: 0.5,
    });
  });

  it('has no share without a denominator', () => {
    expect(refinementEffect([{ coarse: false, refined: false }]).brokenShare).toBeNull();
    expect(refinementEffect([{ coarse: true, refined: true }]).fixedShare).toBeNull();
  });
});
