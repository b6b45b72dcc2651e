import { describe, expect, it } from 'vitest';
import { beamDecode } from './beam';
import { generate } from './generate';
import { greedyDecode } from './greedy';
import { cachedRunner } from './runner';
import { DECODE, chainLm, expectOnlyPrefixAlive, hashLm, options, setup } from '../testing/decode-setup';
import { type ToyAttention, type ToyLanguageModel, afterTask, fromProbabilities, oneHot } from '../testing/toy-model';

const { spec, V, T, eos } = DECODE;

describe('greedy decoding', () => {
  it('stops at </s> without returning it, streaming tokens in order', async () => {
    const { backend, context, prefix } = await setup(chainLm(7, { 7: 8, 8: eos }));
    const streamed: number[] = [];
    const result = await generate(backend, spec, context, options(), { onToken: (t, i) => streamed.push(t * 100 + i) });
    expect(result.tokens).toEqual([7, 8]);
    expect(result.stopReason).toBe('eos');
    expect(streamed).toEqual([700, 801]);
    expect(result.steps).toBe(3);
    expectOnlyPrefixAlive(backend, prefix);
  });

  it('stops at max_new_tokens without feeding the last token', async () => {
    const { backend, context, prefix } = await setup(() => oneHot(V, 9));
    const result = await generate(backend, spec, context, options({ maxNewTokens: 5 }));
    expect(result.tokens).toEqual([9, 9, 9, 9, 9]);
    expect(result.stopReason).toBe('max_new_tokens');
    expect(result.steps).toBe(5);
    expectOnlyPrefixAlive(backend, prefix);
  });

  it('stops before feeding a position past the decoder limit', async () => {
    const { backend, context, prefix } = await setup(() => oneHot(V, 9));
    // prefix 16 + prompt 1 = 17 positions; tokens may be fed at positions 17, 18, 19.
    const result = await generate(backend, spec, context, options({ maxNewTokens: 50, maxPositions: 20 }));
    expect(result.tokens.length).toBe(4);
    expect(result.stopReason).toBe('max_positions');
    const decoderCalls = backend.callsOf('decoder_model_merged');
    expect(decoderCalls.at(-1)!.feedDims.attention_mask).toEqual([1, 20]);
    prefix.release();
  });

  it('feeds each present back as past, one new position per step, and keeps the cache on the device', async () => {
    const { backend, context, prefix } = await setup(chainLm(7, { 7: 8, 8: 9, 9: eos }));
    await generate(backend, spec, context, options());
    const calls = backend.callsOf('decoder_model_merged').slice(1); // after the prefix itself
    expect(calls.map((c) => c.feedDims['past_key_values.1.value'][2])).toEqual([16, 17, 18, 19]);
    expect(calls.map((c) => c.feedDims.inputs_embeds[1])).toEqual([1, 1, 1, 1]);
    // the saliency is not wanted here (saliencyPositions 0), so it stays on the device too
    for (const call of calls) expect([...call.keepOnDevice].sort()).toEqual([...spec.presentNames, 'saliency'].sort());
    expect(backend.callsOf('embed_tokens').every((c) => c.keepOnDevice.includes('inputs_embeds'))).toBe(true);
    prefix.release();
  });

  it('downloads the saliency only when rows are kept', async () => {
    const { backend, context, prefix } = await setup(chainLm(7, { 7: eos }));
    await generate(backend, spec, context, options({ saliencyPositions: T }));
    const calls = backend.callsOf('decoder_model_merged').slice(1);
    for (const call of calls) expect([...call.keepOnDevice].sort()).toEqual(spec.presentNames.slice().sort());
    prefix.release();
  });

  it('keeps the saliency row of every fed token (image positions only)', async () => {
    // The last symbol attends to image position (symbol mod T); non-image positions get weight 0.
    const attention: ToyAttention = (symbols) =>
      symbols.map((_, i) => (i === symbols[symbols.length - 1] % T ? 3 : i < T ? 1 : 0));
    const { backend, context, prefix } = await setup(() => oneHot(V, 9), attention);
    const result = await generate(backend, spec, context, options({ maxNewTokens: 3, saliencyPositions: T }));
    expect(result.tokens).toEqual([9, 9, 9]);
    expect(result.saliency.length).toBe(2); // the third 9 was never fed
    const row = result.saliency[0];
    expect(row.length).toBe(T);
    expect(row[9]).toBeCloseTo(3 / 18);
    expect(row[0]).toBeCloseTo(1 / 18);
    prefix.release();
  });
});

describe('repetition controls', () => {
  // Prefers 7 > 8 > 9 > </s> regardless of history: a model that loves to repeat itself.
  const stubborn: ToyLanguageModel = () => {
    const logits = new Float32Array(V).fill(-5);
    logits[7] = 10;
    logits[8] = 9;
    logits[9] = 8;
    logits[eos] = 7;
    return logits;
  };

  it('repeats when the controls are off (the default)', async () => {
    const { backend, context, prefix } = await setup(stubborn);
    expect((await generate(backend, spec, context, options({ maxNewTokens: 4 }))).tokens).toEqual([7, 7, 7, 7]);
    prefix.release();
  });

  it('no_repeat_ngram_size 1 bans any repeated token', async () => {
    const { backend, context, prefix } = await setup(stubborn);
    expect((await generate(backend, spec, context, options({ noRepeatNgramSize: 1 }))).tokens).toEqual([7, 8, 9]);
    prefix.release();
  });

  it('repetition_penalty divides positive logits of seen tokens', async () => {
    const { backend, context, prefix } = await setup(stubborn);
    // After 7: 7 scores 10/2 = 5 < 9 -> 8; after 7 8: 9 (8) > </s> (7) -> 9; then </s> (7) beats 5, 4.5, 4.
    expect((await generate(backend, spec, context, options({ repetitionPenalty: 2 }))).tokens).toEqual([7, 8, 9]);
    prefix.release();
  });
});

describe('beam search', () => {
  // Greedy takes 7 (p=.5), then 7 leads to a flat spread; beam sees 8 (p=.4) followed by a sure </s>.
  const trap: ToyLanguageModel = (symbols) => {
    const g = afterTask(symbols);
    if (g.length === 0) return fromProbabilities(V, { 7: 0.5, 8: 0.4, [eos]: 0.1 });
    if (g[0] === 8) return fromProbabilities(V, { [eos]: 0.9 });
    if (g.length === 1) return fromProbabilities(V, { 9: 0.3, 10: 0.25, 11: 0.25, [eos]: 0.1 });
    return fromProbabilities(V, { [eos]: 0.95 });
  };

  it('finds the sequence greedy decoding misses', async () => {
    const { backend, context, prefix } = await setup(trap);
    const greedy = await generate(backend, spec, context, options());
    expect(greedy.tokens).toEqual([7, 9]); // p = .5 * .3 * .95 = .1425
    const streamed: number[] = [];
    const beam = await generate(backend, spec, context, options({ numBeams: 2 }), { onToken: (t) => streamed.push(t) });
    expect(beam.tokens).toEqual([8]); // p = .4 * .9 = .36
    expect(beam.stopReason).toBe('eos');
    expect(streamed).toEqual([8]);
    expectOnlyPrefixAlive(backend, prefix);
  });

  it('with one beam equals greedy', async () => {
    const { backend, context, prefix } = await setup(hashLm);
    const greedy = await greedyDecode(cachedRunner(backend, spec, context), options({ maxNewTokens: 12 }));
    const beam = await beamDecode(cachedRunner(backend, spec, context), options({ maxNewTokens: 12, numBeams: 1 }));
    expect(beam.tokens).toEqual(greedy.tokens);
    expect(beam.tokens.length).toBeGreaterThan(0);
    expectOnlyPrefixAlive(backend, prefix);
  });

  it('ends at max_new_tokens with the best unfinished hypothesis', async () => {
    const { backend, context, prefix } = await setup(() => fromProbabilities(V, { 9: 0.6, 10: 0.3, [eos]: 0.01 }));
    const result = await generate(backend, spec, context, options({ numBeams: 3, maxNewTokens: 4 }));
    expect(result.tokens).toEqual([9, 9, 9, 9]);
    expect(result.stopReason).toBe('max_new_tokens');
    expectOnlyPrefixAlive(backend, prefix);
  });
});

describe('cache and no cache', () => {
  for (const numBeams of [1, 3]) {
    it(`give identical tokens and saliency (numBeams ${numBeams})`, async () => {
      const attention: ToyAttention = (symbols) => symbols.map((s, i) => 1 + ((s * 31 + i * 17) % 5));
      const { backend, context, prefix } = await setup(hashLm, attention);
      const opts = options({ maxNewTokens: 10, numBeams, saliencyPositions: T });
      const cached = await generate(backend, spec, context, opts);
      const recomputed = await generate(backend, spec, context, { ...opts, useCache: false });
      expect(recomputed.tokens).toEqual(cached.tokens);
      expect(recomputed.saliency).toEqual(cached.saliency);
      expect(cached.tokens.length).toBeGreaterThan(2);
      // Without the cache every decoder call starts from an empty past and grows.
      const calls = backend.callsOf('decoder_model_merged');
      expect(calls.at(-1)!.feedDims['past_key_values.0.key'][2]).toBe(0);
      expectOnlyPrefixAlive(backend, prefix);
    });
  }
});

describe('cancellation and failures', () => {
  it('throws CancelledError between steps and releases what it made', async () => {
    const { backend, context, prefix } = await setup(() => oneHot(V, 9));
    const streamed: number[] = [];
    const run = generate(backend, spec, context, options({ maxNewTokens: 50 }), {
      onToken: (t) => streamed.push(t),
      cancel: () => streamed.length >= 3,
    });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    expect(streamed.length).toBe(3);
    expectOnlyPrefixAlive(backend, prefix);
  });

  it('accepts an AbortSignal and stops beam search too', async () => {
    const { backend, context, prefix } = await setup(hashLm);
    const controller = new AbortController();
    let decoderRuns = 0;
    backend.beforeRun = (part) => {
      if (part === 'decoder_model_merged' && ++decoderRuns === 4) controller.abort();
    };
    const run = generate(backend, spec, context, options({ maxNewTokens: 50, numBeams: 3 }), {
      cancel: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    expectOnlyPrefixAlive(backend, prefix);
  });

  it('does not start when already cancelled', async () => {
    const { backend, context, prefix } = await setup(hashLm);
    const before = backend.calls.length;
    await expect(generate(backend, spec, context, options(), { cancel: () => true })).rejects.toMatchObject({
      name: 'CancelledError',
    });
    expect(backend.calls.length).toBe(before);
    prefix.release();
  });

  for (const numBeams of [1, 2]) {
    it(`releases everything when the backend fails mid-decoding (numBeams ${numBeams})`, async () => {
      const { backend, context, prefix } = await setup(hashLm);
      let runs = 0;
      backend.beforeRun = () => {
        if (++runs === 6) throw new Error('device lost');
      };
      await expect(generate(backend, spec, context, options({ maxNewTokens: 50, numBeams }))).rejects.toThrow(
        'device lost',
      );
      expectOnlyPrefixAlive(backend, prefix);
    });
  }
});
