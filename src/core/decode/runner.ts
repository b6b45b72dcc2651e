import type { InferenceBackend } from '../backend';
import type { DecoderSpec } from './decoder-spec';
import type { KvCache } from './kv-cache';
import { type StepReads, embedOnDevice, embedToHost, runDecoderStep } from './step';

/** The context a generation continues: a shared prefix (already in a KV cache) and a prompt after it. */
export interface DecodeContext {
  /** KV of the shared prefix (borrowed: never released by decoding); null for none. */
  prefixKv: KvCache | null;
  /** Host embeddings of the prefix [prefixLength*D]; needed only without the cache (it recomputes them). */
  prefixEmbeds?: Float32Array;
  /** Host embeddings of the prompt fed after the prefix [q*D], q >= 1. */
  promptEmbeds: Float32Array;
  /** Read each step's saliency row (pass 1 needs it, pass 2 does not). Default true. */
  readSaliency?: boolean;
}

/** Logits and saliency after feeding a sequence; `state` is what extending it needs. */
export interface RunnerStep<S> {
  logits: Float32Array;
  saliencyRow: Float32Array;
  /** Positions consumed so far (prefix + prompt + fed tokens). */
  positions: number;
  state: S;
}

/**
 * One way of running the decoder over a growing sequence. Decoding algorithms only see this, so the KV-cached
 * and the recompute-everything runners give the same tokens by construction of the loop.
 */
export interface SequenceRunner<S> {
  /** Feeds the prompt after the prefix. */
  start(): Promise<RunnerStep<S>>;
  /** Feeds one more token after a state (the state stays valid: beams may extend it twice). */
  extend(state: S, token: number): Promise<RunnerStep<S>>;
  /** Drops a state the algorithm no longer needs. */
  drop(state: S): void;
}

/** Feeds only new positions, passing each step's present KV back as past (kept on the device). */
export function cachedRunner(
  backend: InferenceBackend,
  spec: DecoderSpec,
  context: DecodeContext,
): SequenceRunner<KvCache> {
  return {
    async start() {
      const q = context.promptEmbeds.length / spec.hiddenSize;
      const embeds = backend.create('float32', context.promptEmbeds, [1, q, spec.hiddenSize]);
      try {
        const out = await runDecoderStep(backend, spec, embeds, context.prefixKv, reads(context));
        return { logits: out.logits, saliencyRow: out.saliencyRow, positions: out.present.length, state: out.present };
      } finally {
        backend.release(embeds);
      }
    },
    async extend(state, token) {
      const embeds = await embedOnDevice(backend, [token]);
      try {
        const out = await runDecoderStep(backend, spec, embeds, state, reads(context));
        return { logits: out.logits, saliencyRow: out.saliencyRow, positions: out.present.length, state: out.present };
      } finally {
        backend.release(embeds);
      }
    },
    drop(state) {
      state.release();
    },
  };
}

/** Recomputes the whole sequence (prefix + prompt + tokens) from an empty cache at every step. */
export function uncachedRunner(
  backend: InferenceBackend,
  spec: DecoderSpec,
  context: DecodeContext,
): SequenceRunner<number[]> {
  if (context.prefixKv && !context.prefixEmbeds) {
    throw new Error('uncachedRunner: prefixEmbeds are needed to recompute the prefix');
  }
  const prefix = context.prefixEmbeds ?? new Float32Array(0);
  const D = spec.hiddenSize;
  const runAll = async (tokens: number[]): Promise<RunnerStep<number[]>> => {
    const tokenEmbeds = tokens.length ? await embedToHost(backend, tokens) : new Float32Array(0);
    const all = new Float32Array(prefix.length + context.promptEmbeds.length + tokenEmbeds.length);
    all.set(prefix, 0);
    all.set(context.promptEmbeds, prefix.length);
    all.set(tokenEmbeds, prefix.length + context.promptEmbeds.length);
    const embeds = backend.create('float32', all, [1, all.length / D, D]);
    try {
      const out = await runDecoderStep(backend, spec, embeds, null, reads(context));
      out.present.release();
      return { logits: out.logits, saliencyRow: out.saliencyRow, positions: all.length / D, state: tokens };
    } finally {
      backend.release(embeds);
    }
  };
  return {
    start: () => runAll([]),
    extend: (state, token) => runAll([...state, token]),
    drop() {},
  };
}

function reads(context: DecodeContext): StepReads {
  return { logits: true, saliency: context.readSaliency ?? true };
}
