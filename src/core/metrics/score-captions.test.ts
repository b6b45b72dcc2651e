import { describe, expect, it } from 'vitest';
import { scoreCaptions } from './score-captions';

/** A small seeded generator (mulberry32), so that a failing case can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'a the small medium large red orange yellow green blue purple pink brown white gray black striped dotted ' +
  'circle square triangle star hexagon diamond heart cross in on at top bottom left right center'
).split(' ');

/** A caption of `length` distinct words, so that any reordering creates an n-gram the references lack. */
function randomCaption(random: () => number, length: number): string[] {
  const pool = [...VOCABULARY];
  return Array.from({ length }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]);
}

/** Substitutes a word the caption lacks, deletes a word, or swaps two neighbours. */
function perturb(random: () => number, words: string[]): string[] {
  const result = [...words];
  const at = Math.floor(random() * (words.length - 1));
  const kind = Math.floor(random() * 3);
  if (kind === 0) result[at] = 'zebra';
  else if (kind === 1) result.splice(at, 1);
  else [result[at], result[at + 1]] = [result[at + 1], result[at]];
  return result;
}

describe('scoreCaptions', () => {
  it('tokenises raw captions COCO-style before scoring', () => {
    // Case and the final period vanish in tokenisation: both images are 4-word exact matches.
    // CIDEr-D: N = 2, cosine 1 in all 4 orders -> 10; BLEU-1..4 = 1 (see bleu.test.ts, cider-d.test.ts).
    const scores = scoreCaptions(
      new Map([
        [1, 'A large red star.'],
        [2, 'a small blue circle'],
      ]),
      new Map([
        [1, ['a large red star']],
        [2, ['A small blue circle.']],
      ]),
    );
    expect(scores.ciderD).toBeCloseTo(10, 9);
    for (const score of scores.bleu) expect(score).toBeCloseTo(1, 6);
    expect(scores.perImage.get(2)?.ciderD).toBeCloseTo(10, 9);
    expect(scores.perImage.get(2)?.bleu[3]).toBeCloseTo(1, 6);
  });

  it('reports every image by its id', () => {
    // Image "b" is a 2-word exact match: CIDEr-D 5 (orders 3 and 4 empty); image "a" shares nothing: 0.
    const scores = scoreCaptions(
      new Map([
        ['a', 'green heart'],
        ['b', 'blue circle'],
      ]),
      new Map([
        ['a', ['red star']],
        ['b', ['blue circle']],
      ]),
    );
    expect([...scores.perImage.keys()]).toEqual(['a', 'b']);
    expect(scores.perImage.get('a')?.ciderD).toBe(0);
    expect(scores.perImage.get('b')?.ciderD).toBeCloseTo(5, 9);
    expect(scores.ciderD).toBeCloseTo(2.5, 9);
  });

  it('refuses mismatched ids, missing references and an empty corpus', () => {
    expect(() => scoreCaptions(new Map([[1, 'a']]), new Map([[2, ['a']]]))).toThrow(/references/);
    expect(() => scoreCaptions(new Map([[1, 'a']]), new Map([[1, []]]))).toThrow(/references/);
    expect(() => scoreCaptions(new Map([[1, 'a']]), new Map())).toThrow();
    expect(() => scoreCaptions(new Map(), new Map())).toThrow(/no images/);
  });

  it('scores a candidate identical to all its references above any perturbed one', () => {
    const random = seededRandom(20261108);
    for (let trial = 0; trial < 40; trial++) {
      const imageCount = 2 + Math.floor(random() * 6);
      const truths = Array.from({ length: imageCount }, () => randomCaption(random, 4 + Math.floor(random() * 8)));
      const references = new Map(
        truths.map((words, id) => [id, [words.join(' '), words.join(' '), words.join(' ')]] as const),
      );
      const exact = scoreCaptions(new Map(truths.map((words, id) => [id, words.join(' ')])), references);
      const victim = Math.floor(random() * imageCount);
      const perturbedCandidates = new Map(
        truths.map((words, id) => [id, (id === victim ? perturb(random, words) : words).join(' ')]),
      );
      const perturbed = scoreCaptions(perturbedCandidates, references);
      const context = `trial ${trial}: "${perturbedCandidates.get(victim)}" vs "${truths[victim].join(' ')}"`;
      const exactImage = exact.perImage.get(victim)!;
      const perturbedImage = perturbed.perImage.get(victim)!;
      expect(perturbedImage.ciderD, context).toBeLessThan(exactImage.ciderD);
      expect(perturbedImage.bleu[3], context).toBeLessThan(exactImage.bleu[3]);
      expect(perturbed.ciderD, context).toBeLessThan(exact.ciderD);
      expect(perturbed.bleu[3], context).toBeLessThan(exact.bleu[3]);
    }
  });
});
