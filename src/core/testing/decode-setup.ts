/**
 * The decoding tests' shared setup: the toy model's decoder with a 16-position image prefix in its KV cache and a
 * one-token task prompt after it, and small language models to drive it.
 */
import { expect } from 'vitest';
import { decoderSpec } from '../decode/decoder-spec';
import type { KvCache } from '../decode/kv-cache';
import type { DecodeContext } from '../decode/runner';
import { runDecoderStep } from '../decode/step';
import type { GenerateOptions } from '../decode/types';
import type { FakeBackend } from './fake-backend';
import {
  IMAGE_SYMBOL,
  TOY_TOKENS,
  type ToyAttention,
  type ToyLanguageModel,
  afterTask,
  oneHot,
  toyBackend,
  toyConfig,
} from './toy-model';

const config = toyConfig();
const spec = decoderSpec(config);
/** The toy decoder and its sizes: vocabulary V, image prefix T positions. */
export const DECODE = { config, spec, V: config.decoder.vocab_size, T: 16, eos: TOY_TOKENS.eos } as const;
const { V, T, eos } = DECODE;

/** The shared image prefix (T image symbols) as the captioner builds it, and the task prompt after it. */
export async function setup(lm: ToyLanguageModel, attention?: ToyAttention) {
  const backend = toyBackend(config, lm, attention);
  const embeds = new Float32Array(T * spec.hiddenSize);
  for (let t = 0; t < T; t++) embeds[t * spec.hiddenSize] = IMAGE_SYMBOL + t;
  const input = backend.create('float32', embeds, [1, T, spec.hiddenSize]);
  const first = await runDecoderStep(backend, spec, input, null);
  backend.release(input);
  const prompt = new Float32Array(spec.hiddenSize);
  prompt[0] = TOY_TOKENS.short;
  const context: DecodeContext = { prefixKv: first.present, prefixEmbeds: embeds, promptEmbeds: prompt };
  return { backend, context, prefix: first.present };
}

export function options(overrides: Partial<GenerateOptions> = {}): GenerateOptions {
  return { maxNewTokens: 8, eosId: eos, maxPositions: config.decoder.max_positions, ...overrides };
}

/** A chain language model: each generated token determines the next; `chain[last]` (or the first after the task). */
export function chainLm(first: number, chain: Record<number, number>): ToyLanguageModel {
  return (symbols) => {
    const generated = afterTask(symbols);
    const next = generated.length === 0 ? first : (chain[generated[generated.length - 1]] ?? eos);
    return oneHot(V, next);
  };
}

/** A model that says `answer` word by word, then </s>. */
export function scriptLm(answer: readonly number[]): ToyLanguageModel {
  return (symbols) => oneHot(V, answer[afterTask(symbols).length] ?? eos);
}

/** Deterministic pseudo-random logits of the whole sequence: tokens are hard to guess, but repeatable. */
export const hashLm: ToyLanguageModel = (symbols) => {
  let h = 2166136261;
  for (const s of symbols) h = Math.imul(h ^ s, 16777619) >>> 0;
  return Float32Array.from({ length: V }, (_, i) => ((Math.imul(h ^ (i * 7919), 2654435761) >>> 0) % 1000) / 250);
};

/** Only the prefix's cache is left alive, and releasing it frees everything. */
export function expectOnlyPrefixAlive(backend: FakeBackend, prefix: KvCache): void {
  expect(backend.live.size).toBe(2 * config.decoder.num_layers);
  prefix.release();
  expect(backend.live.size).toBe(0);
}
