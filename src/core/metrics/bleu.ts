/**
 * BLEU-1..4 as pycocoevalcap's BleuScorer computes it with `option='closest'` (what its Bleu wrapper uses):
 * clipped n-gram counts against the per-n-gram maximum over the references, the closest reference length for
 * the brevity penalty (ties go to the shorter one), and its two smoothing constants. The corpus score sums
 * counts and lengths over all images before dividing; the per-image score applies the same formula to one
 * image's counts.
 */
import { countNgrams, MAX_NGRAM_ORDER } from './ngrams';

/** Added to every numerator, "so that if guess is 0 still return 0" (the toolkit's comment). */
export const BLEU_TINY = 1e-15;
/** Added to every denominator and to the reference length, to avoid dividing by zero. */
export const BLEU_SMALL = 1e-9;

/** BLEU-1, BLEU-2, BLEU-3, BLEU-4. */
export type BleuScores = [number, number, number, number];

/** One image: its tokenised candidate and its tokenised references (at least one). */
export interface TokenisedImage {
  readonly candidate: readonly string[];
  readonly references: ReadonlyArray<readonly string[]>;
}

/** What BLEU needs from one image; sums of these over images give the corpus statistics. */
export interface BleuStats {
  /** Candidate length in tokens. */
  testLength: number;
  /** Length of the reference closest to the candidate's length. */
  referenceLength: number;
  /** Candidate n-grams of each order 1..4 (`guess` in the toolkit). */
  guess: number[];
  /** Of those, how many the references cover, clipped per n-gram (`correct`). */
  correct: number[];
}

/** The reference length nearest the candidate's; on a tie the shorter one, as `min((abs(l - t), l))`. */
export function closestReferenceLength(testLength: number, referenceLengths: readonly number[]): number {
  let best = referenceLengths[0];
  for (const length of referenceLengths) {
    const distance = Math.abs(length - testLength);
    const bestDistance = Math.abs(best - testLength);
    if (distance < bestDistance || (distance === bestDistance && length < best)) best = length;
  }
  return best;
}

/** The toolkit's `cook_refs` + `cook_test` for one image. */
export function bleuStats(image: TokenisedImage): BleuStats {
  if (image.references.length === 0) throw new Error('BLEU needs at least one reference per image');
  const maxReferenceCounts = Array.from({ length: MAX_NGRAM_ORDER }, () => new Map<string, number>());
  for (const reference of image.references) {
    countNgrams(reference).forEach((ofOrder, order) => {
      for (const [ngram, count] of ofOrder) {
        maxReferenceCounts[order].set(ngram, Math.max(maxReferenceCounts[order].get(ngram) ?? 0, count));
      }
    });
  }
  const testLength = image.candidate.length;
  const correct = new Array<number>(MAX_NGRAM_ORDER).fill(0);
  countNgrams(image.candidate).forEach((ofOrder, order) => {
    for (const [ngram, count] of ofOrder) correct[order] += Math.min(maxReferenceCounts[order].get(ngram) ?? 0, count);
  });
  return {
    testLength,
    referenceLength: closestReferenceLength(
      testLength,
      image.references.map((reference) => reference.length),
    ),
    guess: Array.from({ length: MAX_NGRAM_ORDER }, (_, order) => Math.max(0, testLength - order)),
    correct,
  };
}

/** BLEU-1..4 from (summed) statistics: cumulative geometric mean of smoothed precisions, times the penalty. */
export function bleuFromStats(stats: BleuStats): BleuScores {
  const scores: number[] = [];
  let product = 1;
  for (let order = 0; order < MAX_NGRAM_ORDER; order++) {
    product *= (stats.correct[order] + BLEU_TINY) / (stats.guess[order] + BLEU_SMALL);
    scores.push(product ** (1 / (order + 1)));
  }
  const ratio = (stats.testLength + BLEU_TINY) / (stats.referenceLength + BLEU_SMALL);
  const brevityPenalty = ratio < 1 ? Math.exp(1 - 1 / ratio) : 1;
  return scores.map((score) => score * brevityPenalty) as BleuScores;
}

/** Adds per-image statistics into corpus totals, as the toolkit's `totalcomps`. */
export function sumBleuStats(all: readonly BleuStats[]): BleuStats {
  const total: BleuStats = {
    testLength: 0,
    referenceLength: 0,
    guess: new Array<number>(MAX_NGRAM_ORDER).fill(0),
    correct: new Array<number>(MAX_NGRAM_ORDER).fill(0),
  };
  for (const stats of all) {
    total.testLength += stats.testLength;
    total.referenceLength += stats.referenceLength;
    for (let order = 0; order < MAX_NGRAM_ORDER; order++) {
      total.guess[order] += stats.guess[order];
      total.correct[order] += stats.correct[order];
    }
  }
  return total;
}

/** Corpus BLEU-1..4 and each image's own BLEU-1..4, in the order of `images`. */
export function computeBleu(images: readonly TokenisedImage[]): { corpus: BleuScores; perImage: BleuScores[] } {
  const stats = images.map(bleuStats);
  return { corpus: bleuFromStats(sumBleuStats(stats)), perImage: stats.map(bleuFromStats) };
}
