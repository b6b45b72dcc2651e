/** Repetition controls; both off by default so greedy decoding matches the PyTorch reference exactly. */
export interface RepetitionOptions {
  /** > 1 discourages tokens already generated (CTRL / Hugging Face rule); 1 = off. */
  repetitionPenalty?: number;
  /** Bans a token that would repeat an n-gram already generated; 0 = off. */
  noRepeatNgramSize?: number;
}

/**
 * Applies the repetition controls to a copy of `logits`, looking only at the tokens generated in this pass
 * (not the prompt: pass 2's prompt holds the coarse caption, which the refined caption is meant to repeat).
 */
export function processLogits(
  logits: Float32Array,
  generated: readonly number[],
  options: RepetitionOptions,
): Float32Array {
  const out = Float32Array.from(logits);
  const penalty = options.repetitionPenalty ?? 1;
  if (penalty !== 1) {
    for (const token of new Set(generated)) {
      out[token] = out[token] < 0 ? out[token] * penalty : out[token] / penalty;
    }
  }
  const n = options.noRepeatNgramSize ?? 0;
  if (n > 0) for (const token of bannedByNgrams(generated, n)) out[token] = -Infinity;
  return out;
}

/** Tokens that would complete an n-gram already present in `tokens`. */
export function bannedByNgrams(tokens: readonly number[], n: number): Set<number> {
  const banned = new Set<number>();
  if (tokens.length < n - 1 || n < 1) return banned;
  const tail = tokens.slice(tokens.length - (n - 1));
  for (let start = 0; start + n <= tokens.length; start++) {
    let matches = true;
    for (let j = 0; j < n - 1; j++) {
      if (tokens[start + j] !== tail[j]) {
        matches = false;
        break;
      }
    }
    if (matches) banned.add(tokens[start + n - 1]);
  }
  return banned;
}

/** Index of the largest value; the first one on ties (as torch.argmax and numpy.argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** log(sum(exp(x))) in float64, shifted by the largest value; -Infinity when every value is. */
function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Math.exp(values[i] - max);
  return Math.log(total) + max;
}

/** log(softmax(x)) in float64. */
export function logSoftmax(values: ArrayLike<number>): Float64Array {
  const logTotal = logSumExp(values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] - logTotal;
  return out;
}

/** softmax(x)[i], the probability the logits give index `i`; 0 for a banned (-Infinity) one. */
export function softmaxAt(values: ArrayLike<number>, i: number): number {
  if (!(values[i] > -Infinity)) return 0;
  return Math.exp(values[i] - logSumExp(values));
}

/** Indices of the `k` largest values, largest first; ties go to the lower index. Skips -Infinity. */
export function topK(values: ArrayLike<number>, k: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > -Infinity) indices.push(i);
  indices.sort((a, b) => values[b] - values[a] || a - b);
  return indices.slice(0, k);
}
