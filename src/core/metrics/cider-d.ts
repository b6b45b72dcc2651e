/**
 * CIDEr-D as pycocoevalcap's CiderD scorer computes it with `df='corpus'`: n-grams of orders 1..4 weighted by
 * term frequency x inverse document frequency, where the document frequency of an n-gram is the number of
 * images whose references contain it and the "reference length" is log(number of images); one vector per
 * order; a clipped cosine similarity (`min(candidate, reference) * reference`) to each reference, damped by
 * a Gaussian penalty on the length difference (sigma = 6); averaged over orders and references, times 10.
 */
import { countNgrams, MAX_NGRAM_ORDER, type NgramCounts } from './ngrams';
import type { TokenisedImage } from './bleu';

/** Width of CIDEr-D's Gaussian length penalty, in tokens (the toolkit's default). */
export const CIDER_D_SIGMA = 6;
/** CIDEr-D's final scale factor. */
export const CIDER_D_SCALE = 10;

/** A caption as CIDEr-D sees it: TF-IDF weights and their Euclidean norm per order, and its "length". */
interface TfIdfVector {
  weights: Map<string, number>[];
  norms: number[];
  /**
   * The toolkit sums term frequencies where its 0-based order index `n == 1`, so it counts BIGRAMS:
   * max(0, tokens - 1). Kept as is; differences of it equal differences of token counts whenever both captions
   * are non-empty, and with an empty one the similarity is 0 anyway.
   */
  length: number;
}

/** Number of images whose references contain each n-gram (the toolkit's `compute_doc_freq`). */
export function documentFrequencies(referenceCounts: ReadonlyArray<readonly NgramCounts[]>): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const references of referenceCounts) {
    const seen = new Set<string>();
    for (const counts of references) for (const ofOrder of counts) for (const ngram of ofOrder.keys()) seen.add(ngram);
    for (const ngram of seen) frequencies.set(ngram, (frequencies.get(ngram) ?? 0) + 1);
  }
  return frequencies;
}

/** The toolkit's `counts2vec`: raw term frequency times (log #images - log max(1, df)). */
function toTfIdf(counts: NgramCounts, frequencies: ReadonlyMap<string, number>, logImageCount: number): TfIdfVector {
  const weights = counts.map((ofOrder) => {
    const weighted = new Map<string, number>();
    for (const [ngram, termFrequency] of ofOrder) {
      weighted.set(ngram, termFrequency * (logImageCount - Math.log(Math.max(1, frequencies.get(ngram) ?? 0))));
    }
    return weighted;
  });
  const norms = weights.map((ofOrder) => Math.sqrt([...ofOrder.values()].reduce((sum, w) => sum + w * w, 0)));
  let length = 0;
  for (const termFrequency of counts[1]?.values() ?? []) length += termFrequency;
  return { weights, norms, length };
}

/** The toolkit's `sim`: per order, clipped cosine similarity times the Gaussian length penalty. */
function similarity(candidate: TfIdfVector, reference: TfIdfVector): number[] {
  const delta = candidate.length - reference.length;
  const lengthPenalty = Math.exp(-(delta * delta) / (2 * CIDER_D_SIGMA * CIDER_D_SIGMA));
  return candidate.weights.map((ofOrder, order) => {
    let value = 0;
    for (const [ngram, weight] of ofOrder) {
      const referenceWeight = reference.weights[order].get(ngram) ?? 0;
      value += Math.min(weight, referenceWeight) * referenceWeight;
    }
    const norm = candidate.norms[order] * reference.norms[order];
    if (norm !== 0) value /= norm;
    return value * lengthPenalty;
  });
}

/** CIDEr-D of each image (in the order of `images`) and their mean, the corpus score. */
export function computeCiderD(images: readonly TokenisedImage[]): { corpus: number; perImage: number[] } {
  if (images.length === 0) throw new Error('CIDEr-D needs at least one image');
  const referenceCounts = images.map((image) => {
    if (image.references.length === 0) throw new Error('CIDEr-D needs at least one reference per image');
    return image.references.map((reference) => countNgrams(reference));
  });
  const frequencies = documentFrequencies(referenceCounts);
  const logImageCount = Math.log(images.length);
  const perImage = images.map((image, index) => {
    const candidate = toTfIdf(countNgrams(image.candidate), frequencies, logImageCount);
    const summed = new Array<number>(MAX_NGRAM_ORDER).fill(0);
    for (const counts of referenceCounts[index]) {
      similarity(candidate, toTfIdf(counts, frequencies, logImageCount)).forEach((value, order) => {
        summed[order] += value;
      });
    }
    const meanOverOrders = summed.reduce((sum, value) => sum + value, 0) / MAX_NGRAM_ORDER;
    return (meanOverOrders / referenceCounts[index].length) * CIDER_D_SCALE;
  });
  return { corpus: perImage.reduce((sum, score) => sum + score, 0) / perImage.length, perImage };
}
