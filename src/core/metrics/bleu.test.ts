import { describe, expect, it } from 'vitest';
import { bleuStats, closestReferenceLength, computeBleu, type TokenisedImage } from './bleu';

/** A tokenised image from space-separated text (empty text: no tokens). */
function image(candidate: string, ...references: string[]): TokenisedImage {
  const split = (text: string) => (text === '' ? [] : text.split(' '));
  return { candidate: split(candidate), references: references.map(split) };
}

// Every expected value below is worked out by hand. The smoothing constants tiny = 1e-15 (numerators) and
// small = 1e-9 (denominators) move scores by about 1e-9 only, below the 6 decimals checked, except where a
// count is 0: then a precision is (0 + 1e-15) / (guess + 1e-9).

describe('BLEU, per image and corpus', () => {
  it('gives 1 to an exact match of four or more words', () => {
    // "a large red star" vs itself: correct = guess = [4, 3, 2, 1]; lengths 4 = 4, so no penalty.
    const { corpus, perImage } = computeBleu([image('a large red star', 'a large red star')]);
    for (const score of [...corpus, ...perImage[0]]) expect(score).toBeCloseTo(1, 6);
  });

  it('has no 4-grams for a 3-word exact match, so BLEU-4 is the smoothed (1e-6)^(1/4)', () => {
    // guess = [3, 2, 1, 0], correct = [3, 2, 1, 0]; p4 = (0 + 1e-15) / (0 + 1e-9) = 1e-6.
    // BLEU-4 = (1 * 1 * 1 * 1e-6)^(1/4) = 10^-1.5 = 0.0316228; BLEU-1..3 = 1.
    const { corpus } = computeBleu([image('a red star', 'a red star')]);
    expect(corpus[0]).toBeCloseTo(1, 6);
    expect(corpus[2]).toBeCloseTo(1, 6);
    expect(corpus[3]).toBeCloseTo(0.0316228, 6);
  });

  it('scores zero overlap as (practically) zero', () => {
    // correct = [0, 0, 0, 0]: p1 = 1e-15 / 2 = 5e-16; also ratio 2/3 < 1: penalty exp(1 - 3/2) = 0.607.
    const { corpus } = computeBleu([image('blue circle', 'a red star')]);
    expect(corpus[0]).toBeGreaterThan(0);
    expect(corpus[0]).toBeLessThan(1e-15);
    for (const score of corpus) expect(score).toBeLessThan(1e-3);
  });

  it('clips a repeated word at its largest count in any single reference', () => {
    // Candidate "the the the" (3 tokens). References "the cat sat" (the x1) and "the the dog" (the x2):
    // the clip is max(1, 2) = 2, not the sum 3. correct1 = min(3, 2) = 2 of guess1 = 3 -> p1 = 2/3.
    // Bigram "the the" x2 in the candidate, at most 1 in a reference -> p2 = 1/2.
    // Closest reference length 3 = candidate length: no penalty.
    // BLEU-1 = 2/3 = 0.666667; BLEU-2 = sqrt(2/3 * 1/2) = sqrt(1/3) = 0.577350.
    const stats = bleuStats(image('the the the', 'the cat sat', 'the the dog'));
    expect(stats.correct).toEqual([2, 1, 0, 0]);
    expect(stats.guess).toEqual([3, 2, 1, 0]);
    const { corpus } = computeBleu([image('the the the', 'the cat sat', 'the the dog')]);
    expect(corpus[0]).toBeCloseTo(0.666667, 6);
    expect(corpus[1]).toBeCloseTo(0.57735, 6);
  });

  it('takes the brevity penalty from the closest reference length', () => {
    // Candidate of 4 tokens, references of 2, 5 and 9 tokens: closest is 5 (distance 1; 2 is at distance 2).
    // All candidate n-grams are in the 5-token reference, so every precision is 1 and
    // BLEU-n = penalty = exp(1 - 5/4) = exp(-0.25) = 0.778801 for all n.
    // (Shortest would give 1; average 16/3 would give exp(1 - 16/12) = 0.7165.)
    const { corpus } = computeBleu([image('a b c d', 'a b', 'a b c d e', 'q r s t u v w x y')]);
    for (const score of corpus) expect(score).toBeCloseTo(0.778801, 6);
  });

  it('breaks a closest-length tie towards the shorter reference', () => {
    // Candidate of 4 tokens, references of 3 and 5 tokens: both at distance 1, the shorter (3) wins.
    // Ratio 4/3 > 1: no penalty, and all n-grams are in "a b c d e": every BLEU-n = 1.
    // (Taking 5 would give exp(-0.25) = 0.7788.)
    expect(closestReferenceLength(4, [5, 3])).toBe(3);
    expect(closestReferenceLength(4, [3, 5])).toBe(3);
    const { corpus } = computeBleu([image('a b c d', 'a b c', 'a b c d e')]);
    for (const score of corpus) expect(score).toBeCloseTo(1, 6);
  });

  it('sums counts and lengths over the corpus, while each image keeps its own penalty', () => {
    // Image 1: "a b c d" vs "a b c d e": correct = guess = [4, 3, 2, 1]; lengths 4 vs 5.
    // Image 2: "f g h i j k" vs "f g h i j": correct = [5, 4, 3, 2] of guess [6, 5, 4, 3]; lengths 6 vs 5.
    // Corpus: correct [9, 7, 5, 3], guess [10, 8, 6, 4], lengths 10 vs 10 -> no penalty.
    //   BLEU-1 = 9/10 = 0.9; BLEU-2 = sqrt(0.9 * 7/8) = 0.887412;
    //   BLEU-4 = (0.9 * 7/8 * 5/6 * 3/4)^(1/4) = 0.4921875^(1/4) = 0.837592.
    // Image 1 alone: precisions 1, penalty exp(1 - 5/4) = 0.778801 for every n.
    // Image 2 alone: ratio 6/5, no penalty; BLEU-1 = 5/6 = 0.833333, BLEU-4 = (5/6 * 4/5 * 3/4 * 2/3)^(1/4)
    //   = (1/3)^(1/4) = 0.759836.
    // (The mean of per-image BLEU-1 would be 0.806, not the corpus 0.9.)
    const { corpus, perImage } = computeBleu([image('a b c d', 'a b c d e'), image('f g h i j k', 'f g h i j')]);
    expect(corpus[0]).toBeCloseTo(0.9, 6);
    expect(corpus[1]).toBeCloseTo(0.887412, 6);
    expect(corpus[3]).toBeCloseTo(0.837592, 6);
    for (const score of perImage[0]) expect(score).toBeCloseTo(0.778801, 6);
    expect(perImage[1][0]).toBeCloseTo(0.833333, 6);
    expect(perImage[1][3]).toBeCloseTo(0.759836, 6);
  });

  it('gives exactly 0 to an empty candidate', () => {
    // Length 0: ratio = 1e-15 / (3 + 1e-9), penalty exp(1 - 3e15) underflows to 0.
    const { corpus, perImage } = computeBleu([image('', 'a red star')]);
    expect(corpus).toEqual([0, 0, 0, 0]);
    expect(perImage[0]).toEqual([0, 0, 0, 0]);
  });

  it('refuses an image without references', () => {
    expect(() => computeBleu([image('a red star')])).toThrow(/reference/);
  });
});
