/**
 * Greedy decoding drafted by an earlier caption. Pass 2 rewrites the coarse caption and mostly repeats it (a word
 * changes here and there), as a live frame's pass 1 repeats the last frame's; so each decoder call feeds the earlier
 * caption's next words as guesses and keeps the longest run the model itself would have chosen (speculative
 * decoding with the earlier caption as the draft, "prompt lookup" decoding). The tokens are greedy decoding's own: a
 * guess is kept only where the argmax of the logits after the previous token equals it. A 40-word refined caption
 * then takes a few calls instead of 40. Saliency rows are those of the positions the kept tokens were fed at, as in
 * greedy.ts.
 *
 * The KV cache is never cut back: a call whose guesses were not all kept leaves the cache it started from in
 * place, and the tokens it did keep are fed again, ahead of the next guesses, in the next call. So it works the
 * same on every backend (nothing is read back from the device but logits and saliency rows).
 */
import type { InferenceBackend } from '../backend';
import { throwIfCancelled } from './cancel';
import type { DecoderSpec } from './decoder-spec';
import type { KvCache } from './kv-cache';
import { argmax, processLogits, softmaxAt } from './logits';
import { cachedRunner, type DecodeContext } from './runner';
import { embedOnDevice, runDecoderStep } from './step';
import type { Generation, GenerateHooks, GenerateOptions, StopReason } from './types';

/**
 * Most draft tokens guessed in one call: a wrong early guess wastes at most this many positions' work. world_v7's
 * detailed pass 2 in onnxruntime-web's WASM (Node, 1 thread, 30 val scenes): median 60.8 ms undrafted, 27.1 ms
 * with 4 guesses a call, 26.7 with 8, 26.2 with 16, 32.1 with 32.
 */
export const MAX_GUESS = 16;

export async function draftedGreedyDecode(
  backend: InferenceBackend,
  spec: DecoderSpec,
  context: DecodeContext,
  draft: readonly number[],
  options: GenerateOptions,
  hooks: GenerateHooks = {},
): Promise<Generation> {
  throwIfCancelled(hooks.cancel, 'decoding');
  const V = spec.vocabSize;
  const start = await cachedRunner(backend, spec, { ...context, readSaliency: false }).start();
  /** The cache of every token fed and kept so far; `pending` are kept tokens not in it yet. */
  let clean: KvCache = start.state;
  let pending: number[] = [];
  let logits = start.logits;
  let steps = 1;
  let at = 0;
  const tokens: number[] = [];
  const probabilities: number[] = [];
  // As greedy.ts: saliency[i] is the row (first `keep` positions) of the position tokens[i] was fed at.
  const keepSaliency = options.saliencyPositions ?? 0;
  const saliency: Float32Array[] = [];
  const done = (stopReason: StopReason): Generation => ({
    tokens,
    stopReason,
    // A token kept when a length limit stopped decoding was never fed in greedy decoding: no row.
    saliency: stopReason === 'eos' ? saliency : saliency.slice(0, tokens.length - 1),
    steps,
    probabilities,
  });
  const keep = (token: number, processed: Float32Array) => {
    tokens.push(token);
    probabilities.push(softmaxAt(processed, token));
    hooks.onToken?.(token, tokens.length - 1);
  };
  try {
    for (;;) {
      const processed = processLogits(logits, tokens, options);
      const next = argmax(processed);
      if (next === options.eosId) return done('eos');
      keep(next, processed);
      if (tokens.length >= options.maxNewTokens) return done('max_new_tokens');
      // `next` would be fed at position clean.length + pending.length (greedy.ts's positions check).
      if (clean.length + pending.length >= options.maxPositions) return done('max_positions');
      pending.push(next);
      at = draftIndexAfter(draft, tokens, at);
      const room = Math.min(
        MAX_GUESS,
        options.maxNewTokens - tokens.length,
        options.maxPositions - (clean.length + pending.length),
      );
      const guess = draft.slice(at, at + Math.max(0, room));
      throwIfCancelled(hooks.cancel, `decoding step ${steps}`);
      const fed = [...pending, ...guess];
      const embeds = await embedOnDevice(backend, fed);
      let out;
      try {
        out = await runDecoderStep(backend, spec, embeds, clean, {
          logits: false,
          saliency: false,
          allLogits: true,
          allSaliency: keepSaliency > 0,
        });
      } finally {
        backend.release(embeds);
      }
      steps++;
      // Row i holds the logits (and saliency) after fed[i]; the first guess is checked against the row of `next`.
      const firstFed = tokens.length - pending.length;
      const positions = clean.length + fed.length;
      const saliencyOf = (row: number) => {
        if (keepSaliency > 0)
          saliency[firstFed + row] = out.allSaliency.slice(row * positions, row * positions + keepSaliency);
      };
      // The new cache becomes the clean one only when every guess was kept; otherwise (a refused guess, a length
      // limit, a hook that throws) it goes.
      let adopted = false;
      try {
        pending.forEach((_, row) => saliencyOf(row));
        let row = pending.length - 1;
        let kept = 0;
        for (; kept < guess.length; kept++) {
          const checked = processLogits(out.allLogits.subarray(row * V, (row + 1) * V), tokens, options);
          if (argmax(checked) !== guess[kept]) break;
          keep(guess[kept], checked);
          row++;
          saliencyOf(row);
          if (tokens.length >= options.maxNewTokens) return done('max_new_tokens');
        }
        logits = out.allLogits.slice(row * V, (row + 1) * V);
        at += kept;
        if (kept === guess.length) {
          clean.release();
          clean = out.present;
          adopted = true;
          pending = [];
        } else {
          pending.push(...guess.slice(0, kept));
        }
      } finally {
        if (!adopted) out.present.release();
      }
    }
  } finally {
    clean.release();
  }
}

/** How far, in tokens, the draft is searched around where it was for the last two tokens kept. */
export const REALIGN_WINDOW = 3;

/**
 * Where the draft goes on after the tokens kept so far, given that it went on at `at` before the last one: at
 * `at + 1` when the last token was the draft's; else just after the nearest place within REALIGN_WINDOW where the
 * draft holds the last two tokens, or next to `at` the last one (a word inserted or dropped); else at `at + 1`
 * (the word was changed). A caption repeats phrases ("a small red ..."), so a match far away is more likely
 * another object than this one.
 */
export function draftIndexAfter(draft: readonly number[], tokens: readonly number[], at: number): number {
  const n = tokens.length;
  if (draft[at] === tokens[n - 1] || n < 2) return at + 1;
  let best = -1;
  const lo = Math.max(0, at + 1 - REALIGN_WINDOW - 2);
  const hi = Math.min(draft.length - 2, at + 1 + REALIGN_WINDOW - 2);
  for (let i = lo; i <= hi; i++) {
    if (draft[i] !== tokens[n - 2] || draft[i + 1] !== tokens[n - 1]) continue;
    if (best < 0 || Math.abs(i + 2 - (at + 1)) < Math.abs(best - (at + 1))) best = i + 2;
  }
  if (best >= 0) return best;
  // A word the draft lacks was kept before this one: the draft's word is still to come, next to `at`.
  for (const j of [at - 1, at + 1]) if (j >= 0 && draft[j] === tokens[n - 1]) return j + 1;
  return at + 1;
}
