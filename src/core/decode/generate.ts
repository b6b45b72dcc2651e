import type { InferenceBackend } from '../backend';
import { InvalidInputError } from '../errors';
import { beamDecode } from './beam';
import type { DecoderSpec } from './decoder-spec';
import { draftedGreedyDecode } from './drafted';
import { greedyDecode } from './greedy';
import { type DecodeContext, cachedRunner, uncachedRunner } from './runner';
import type { Generation, GenerateHooks, GenerateOptions } from './types';

/** Generation settings plus the choice of runner. */
export interface GenerateRunOptions extends GenerateOptions {
  /** false recomputes the whole sequence every step (benchmark of the cache; same tokens). Default true. */
  useCache?: boolean;
  /**
   * Tokens the answer probably repeats (pass 2: the coarse caption; pass 1 of a live frame: the last frame's).
   * Greedy, cached decoding then feeds them as guesses and keeps those greedy decoding would choose (drafted.ts):
   * the same tokens, and saliency rows, in fewer decoder calls. Ignored by beam search and without the cache.
   */
  draft?: readonly number[];
}

/** Generates after `context` with greedy or beam search, KV-cached or not. Releases all it creates. */
export function generate(
  backend: InferenceBackend,
  spec: DecoderSpec,
  context: DecodeContext,
  options: GenerateRunOptions,
  hooks: GenerateHooks = {},
): Promise<Generation> {
  const numBeams = options.numBeams ?? 1;
  if (!Number.isInteger(numBeams) || numBeams < 1) {
    throw new InvalidInputError(`numBeams must be a positive integer, got ${numBeams}`);
  }
  // Saliency rows are downloaded only when someone keeps them (pass 1).
  context = { ...context, readSaliency: context.readSaliency ?? (options.saliencyPositions ?? 0) > 0 };
  if (options.useCache === false) {
    const runner = uncachedRunner(backend, spec, context);
    return numBeams === 1 ? greedyDecode(runner, options, hooks) : beamDecode(runner, options, hooks);
  }
  if (numBeams === 1 && options.draft?.length) {
    return draftedGreedyDecode(backend, spec, context, options.draft, options, hooks);
  }
  const runner = cachedRunner(backend, spec, context);
  return numBeams === 1 ? greedyDecode(runner, options, hooks) : beamDecode(runner, options, hooks);
}
