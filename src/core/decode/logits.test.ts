import { describe, expect, it } from 'vitest';
import { softmaxAt } from './logits';

describe('softmaxAt', () => {
  it('is the softmax probability of the chosen logit', () => {
    // softmax([0, ln 3]) = [0.25, 0.75]
    expect(softmaxAt([0, Math.log(3)], 1)).toBeCloseTo(0.75, 12);
    expect(softmaxAt([0, Math.log(3)], 0)).toBeCloseTo(0.25, 12);
    // shift-invariant and stable for large logits
    expect(softmaxAt([1000, 1000 + Math.log(3)], 1)).toBeCloseTo(0.75, 12);
    expect(softmaxAt([2, 2, 2, 2], 3)).toBeCloseTo(0.25, 12);
  });

  it('counts banned (-Infinity) tokens as impossible', () => {
    expect(softmaxAt([-Infinity, 5, 5], 1)).toBeCloseTo(0.5, 12);
    expect(softmaxAt([-Infinity, 5], 0)).toBe(0);
  });
});
