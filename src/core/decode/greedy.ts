import { throwIfCancelled } from './cancel';
import { argmax, processLogits, softmaxAt } from './logits';
import type { SequenceRunner } from './runner';
import type { Generation, GenerateHooks, GenerateOptions } from './types';

/** Greedy decoding: the most likely token at every step, streamed to `onToken` as soon as it is chosen. */
export async function greedyDecode<S>(
  runner: SequenceRunner<S>,
  options: GenerateOptions,
  hooks: GenerateHooks = {},
): Promise<Generation> {
  throwIfCancelled(hooks.cancel, 'decoding');
  let step = await runner.start();
  let steps = 1;
  const tokens: number[] = [];
  const saliency: Float32Array[] = [];
  const probabilities: number[] = [];
  const keep = options.saliencyPositions ?? 0;
  try {
    for (;;) {
      const logits = processLogits(step.logits, tokens, options);
      const next = argmax(logits);
      if (next === options.eosId) return { tokens, stopReason: 'eos', saliency, steps, probabilities };
      tokens.push(next);
      probabilities.push(softmaxAt(logits, next));
      hooks.onToken?.(next, tokens.length - 1);
      if (tokens.length >= options.maxNewTokens)
        return { tokens, stopReason: 'max_new_tokens', saliency, steps, probabilities };
      if (step.positions >= options.maxPositions)
        return { tokens, stopReason: 'max_positions', saliency, steps, probabilities };
      throwIfCancelled(hooks.cancel, `decoding step ${steps}`);
      const nextStep = await runner.extend(step.state, next);
      steps++;
      runner.drop(step.state);
      step = nextStep;
      if (keep > 0) saliency.push(step.saliencyRow.slice(0, keep));
    }
  } finally {
    runner.drop(step.state);
  }
}
