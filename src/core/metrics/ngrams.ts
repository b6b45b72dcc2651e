/** The n-gram orders both COCO metrics use (BLEU-1..4, CIDEr-D n = 1..4). */
export const MAX_NGRAM_ORDER = 4;

/**
 * Counts of every n-gram of one caption, one map per order: `counts[0]` unigrams ... `counts[3]` 4-grams.
 * Keys are the tokens joined by a space, unambiguous because tokens never contain whitespace.
 */
export type NgramCounts = ReadonlyArray<ReadonlyMap<string, number>>;

/** Counts all n-grams of orders 1..maxOrder, as the toolkit's `precook`. */
export function countNgrams(tokens: readonly string[], maxOrder = MAX_NGRAM_ORDER): NgramCounts {
  const counts: Map<string, number>[] = [];
  for (let order = 1; order <= maxOrder; order++) {
    const ofOrder = new Map<string, number>();
    for (let start = 0; start + order <= tokens.length; start++) {
      const key = tokens.slice(start, start + order).join(' ');
      ofOrder.set(key, (ofOrder.get(key) ?? 0) + 1);
    }
    counts.push(ofOrder);
  }
  return counts;
}
