import { describe, expect, it } from 'vitest';
import { computeCiderD } from './cider-d';
import type { TokenisedImage } from './bleu';

function image(candidate: string, ...references: string[]): TokenisedImage {
  const split = (text: string) => (text === '' ? [] : text.split(' '));
  return { candidate: split(candidate), references: references.map(split) };
}

// Values worked out by hand. Notation: N images, L = ln N; an n-gram's weight is tf * (L - ln max(1, df)),
// df = number of images whose references contain it. For one n-gram order, sim = sum over candidate n-grams of
// min(w_cand, w_ref) * w_ref / (|cand| |ref|), times exp(-delta^2 / (2 * 6^2)) = exp(-delta^2 / 72);
// an image's score is 10 * mean over the 4 orders, averaged over its references.

describe('CIDEr-D', () => {
  it('gives 5 to a 2-word exact match: orders 3 and 4 have no n-grams and count as 0', () => {
    // N = 2; every n-gram has df 1, weight L. Orders 1 and 2: cosine 1; orders 3, 4: 0.
    // Score = 10 * (1 + 1 + 0 + 0) / 4 = 5 for each image; mean 5.
    const { corpus, perImage } = computeCiderD([image('red star', 'red star'), image('blue circle', 'blue circle')]);
    expect(perImage[0]).toBeCloseTo(5, 9);
    expect(perImage[1]).toBeCloseTo(5, 9);
    expect(corpus).toBeCloseTo(5, 9);
  });

  it('gives 10 to a 4-word exact match, even when a shared word weighs 0', () => {
    // N = 2; "a" is in both images' references: df 2, weight ln 2 - ln 2 = 0. Cosines stay 1 in all 4 orders.
    const { perImage } = computeCiderD([
      image('a large red star', 'a large red star'),
      image('a small blue circle', 'a small blue circle'),
    ]);
    expect(perImage[0]).toBeCloseTo(10, 9);
    expect(perImage[1]).toBeCloseTo(10, 9);
  });

  it('gives 0 to zero overlap', () => {
    // N = 2; the candidates' words exist only in the other image's references: dot products are 0.
    const { corpus, perImage } = computeCiderD([image('blue circle', 'red star'), image('red star', 'blue circle')]);
    expect(perImage).toEqual([0, 0]);
    expect(corpus).toBe(0);
  });

  it('clips candidate weights by reference weights (the min in sim)', () => {
    // N = 2, L = ln 2. Image 1: candidate "dog dog dog", reference "dog cat"; image 2 has reference "bird".
    // Order 1: candidate {dog: 3L}, norm 3L; reference {dog: L, cat: L}, norm sqrt(2) L.
    //   clipped dot = min(3L, L) * L = L^2 -> sim1 = 1 / (3 sqrt(2)) = 0.235702 (0.7071 unclipped).
    // Order 2: "dog dog" (df 0, weight 2L) is not in the reference -> 0. Orders 3, 4: 0.
    // Length = bigram count: 2 vs 1, delta 1 -> penalty exp(-1/72) = 0.986207.
    // Score = 10 * 0.235702 * 0.986207 / 4 = 0.581128.
    const { perImage } = computeCiderD([image('dog dog dog', 'dog cat'), image('x', 'bird')]);
    expect(perImage[0]).toBeCloseTo(0.581128, 6);
  });

  it('applies the Gaussian length penalty with sigma 6', () => {
    // N = 2, every n-gram of image 1 has df 1 (weight L). Candidate "large red star", reference
    // "large red star on the left".
    // Order 1: 3 shared of 3 vs 6 words: 3 / (sqrt 3 * sqrt 6) = 0.707107.
    // Order 2: 2 shared of 2 vs 5 bigrams: 2 / (sqrt 2 * sqrt 5) = 0.632456.
    // Order 3: 1 shared of 1 vs 4 trigrams: 1 / (1 * 2) = 0.5. Order 4: no candidate 4-grams: 0.
    // Length: 2 vs 5 bigrams, delta -3 -> penalty exp(-9/72) = 0.882497.
    // Score = 10 * 0.882497 * (0.707107 + 0.632456 + 0.5 + 0) / 4 = 4.058520 (4.598906 without penalty).
    const { perImage } = computeCiderD([
      image('large red star', 'large red star on the left'),
      image('x', 'blue circle'),
    ]);
    expect(perImage[0]).toBeCloseTo(4.05852, 5);
  });

  it('averages over several references', () => {
    // N = 2. Image 1: candidate "red star", references "red star" (sims [1, 1, 0, 0]) and "blue circle"
    // (sims [0, 0, 0, 0]); bigram lengths 1 = 1, no penalty.
    // Score = 10 * mean over orders of the summed sims / 2 references = 10 * (2 / 4) / 2 = 2.5.
    const { perImage } = computeCiderD([image('red star', 'red star', 'blue circle'), image('x', 'green heart')]);
    expect(perImage[0]).toBeCloseTo(2.5, 9);
  });

  it('gives 0 to an empty candidate, and the corpus score is the mean over images', () => {
    // Image 1: empty candidate, all norms 0 -> 0. Image 2: 2-word exact match -> 5 (see above). Mean 2.5.
    const { corpus, perImage } = computeCiderD([image('', 'red star'), image('blue circle', 'blue circle')]);
    expect(perImage[0]).toBe(0);
    expect(perImage[1]).toBeCloseTo(5, 9);
    expect(corpus).toBeCloseTo(2.5, 9);
  });

  it('gives 0 to everything in a one-image corpus, where every weight is ln 1 - ln 1 = 0', () => {
    const { corpus } = computeCiderD([image('a large red star', 'a large red star')]);
    expect(corpus).toBe(0);
  });

  it('refuses an empty corpus and an image without references', () => {
    expect(() => computeCiderD([])).toThrow();
    expect(() => computeCiderD([image('a', 'a'), image('b')])).toThrow(/reference/);
  });
});
