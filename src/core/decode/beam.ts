import { throwIfCancelled } from './cancel';
import { logSoftmax, processLogits, topK } from './logits';
import type { RunnerStep, SequenceRunner } from './runner';
import type { Generation, GenerateHooks, GenerateOptions, StopReason } from './types';

interface Hypothesis<S> {
  tokens: number[];
  saliency: Float32Array[];
  /** Sum of log-probabilities of `tokens`. */
  logProb: number;
  step: RunnerStep<S>;
}

interface Finished {
  tokens: number[];
  saliency: Float32Array[];
  score: number;
  stopReason: StopReason;
}

interface Candidate {
  beam: number;
  token: number;
  logProb: number;
}

/**
 * Beam search with `numBeams` hypotheses, each its own batch-1 sequence: a hypothesis that continues another
 * shares its parent's KV state (reference-counted) instead of gathering cache rows, so the cache never leaves
 * the device. Stops as soon as `numBeams` hypotheses have ended with `</s>` ("early stopping") or at a
 * length limit; returns the best by length-normalised score.
 */
export async function beamDecode<S>(
  runner: SequenceRunner<S>,
  options: GenerateOptions,
  hooks: GenerateHooks = {},
): Promise<Generation> {
  const width = options.numBeams ?? 1;
  const lengthPenalty = options.lengthPenalty ?? 1;
  const keep = options.saliencyPositions ?? 0;
  const normalised = (logProb: number, length: number): number =>
    logProb / Math.pow(Math.max(length, 1), lengthPenalty);

  throwIfCancelled(hooks.cancel, 'decoding');
  let live: Hypothesis<S>[] = [{ tokens: [], saliency: [], logProb: 0, step: await runner.start() }];
  let steps = 1;
  const finished: Finished[] = [];
  let growing: Hypothesis<S>[] = [];
  try {
    for (;;) {
      const candidates: Candidate[] = [];
      live.forEach((hyp, beam) => {
        const logProbs = logSoftmax(processLogits(hyp.step.logits, hyp.tokens, options));
        for (const token of topK(logProbs, 2 * width)) {
          candidates.push({ beam, token, logProb: hyp.logProb + logProbs[token] });
        }
      });
      candidates.sort((a, b) => b.logProb - a.logProb || a.beam - b.beam || a.token - b.token);

      const continuing: Candidate[] = [];
      candidates.slice(0, 2 * width).forEach((c, rank) => {
        const parent = live[c.beam];
        if (c.token === options.eosId) {
          // An end among the best `width` candidates is a finished hypothesis; a lower-ranked one is not.
          if (rank < width) {
            const score = normalised(c.logProb, parent.tokens.length + 1);
            finished.push({ tokens: parent.tokens, saliency: parent.saliency, score, stopReason: 'eos' });
          }
        } else if (continuing.length < width) {
          continuing.push(c);
        }
      });
      if (finished.length >= width || continuing.length === 0) break;

      const length = live[continuing[0].beam].tokens.length + 1;
      const atMaxTokens = length >= options.maxNewTokens;
      const atMaxPositions = live[0].step.positions >= options.maxPositions;
      if (atMaxTokens || atMaxPositions) {
        for (const c of continuing) {
          const parent = live[c.beam];
          finished.push({
            tokens: [...parent.tokens, c.token],
            saliency: parent.saliency,
            score: normalised(c.logProb, length),
            stopReason: atMaxTokens ? 'max_new_tokens' : 'max_positions',
          });
        }
        break;
      }

      throwIfCancelled(hooks.cancel, `decoding step ${steps}`);
      growing = [];
      for (const c of continuing) {
        const parent = live[c.beam];
        const step = await runner.extend(parent.step.state, c.token);
        steps++;
        const saliency = keep > 0 ? [...parent.saliency, step.saliencyRow.slice(0, keep)] : parent.saliency;
        growing.push({ tokens: [...parent.tokens, c.token], saliency, logProb: c.logProb, step });
      }
      for (const hyp of live) runner.drop(hyp.step.state);
      live = growing;
      growing = [];
    }
  } finally {
    for (const hyp of live) runner.drop(hyp.step.state);
    for (const hyp of growing) runner.drop(hyp.step.state);
  }

  // Stable sort: among equal scores the hypothesis that finished first wins.
  const best = [...finished].sort((a, b) => b.score - a.score)[0];
  best.tokens.forEach((token, i) => hooks.onToken?.(token, i));
  return { tokens: best.tokens, stopReason: best.stopReason, saliency: best.saliency, steps };
}
