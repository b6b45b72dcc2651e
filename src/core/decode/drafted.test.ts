import { describe, expect, it } from 'vitest';
import { draftIndexAfter } from './drafted';
import { generate } from './generate';
import type { GenerateOptions } from './types';
import { DECODE, expectOnlyPrefixAlive, hashLm, options, scriptLm, setup } from '../testing/decode-setup';
import type { ToyAttention, ToyLanguageModel } from '../testing/toy-model';

const { eos } = DECODE;
/** A refined caption of the toy vocabulary's content words (7, 8, 9) and a few others. */
const ANSWER = [7, 8, 9, 10, 7, 11, 8, 9, 9, 10, 7, 8];

/** Greedy decoding one token a call, and drafted with `draft`: tokens, stop reason, probabilities and calls. */
async function both(lm: ToyLanguageModel, draft: readonly number[], overrides: Partial<GenerateOptions> = {}) {
  const plainRun = await setup(lm);
  const plain = await generate(plainRun.backend, DECODE.spec, plainRun.context, options(overrides));
  expectOnlyPrefixAlive(plainRun.backend, plainRun.prefix);
  const draftedRun = await setup(lm);
  const streamed: number[] = [];
  const drafted = await generate(
    draftedRun.backend,
    DECODE.spec,
    draftedRun.context,
    { ...options(overrides), draft },
    { onToken: (token, index) => streamed.push(token * 100 + index) },
  );
  expectOnlyPrefixAlive(draftedRun.backend, draftedRun.prefix);
  const fed = draftedRun.backend
    .callsOf('decoder_model_merged')
    .slice(1)
    .map((c) => c.feedDims.inputs_embeds[1]);
  return { plain, drafted, streamed, fed };
}

describe('decoding drafted by an earlier caption', () => {
  it("gives greedy decoding's tokens in two calls when the draft is the answer", async () => {
    const { plain, drafted, streamed, fed } = await both(scriptLm(ANSWER), ANSWER, { maxNewTokens: 40 });
    expect(plain.tokens).toEqual(ANSWER);
    expect(plain.steps).toBe(ANSWER.length + 1);
    expect(drafted).toMatchObject({ tokens: ANSWER, stopReason: 'eos', steps: 2 });
    expect(drafted.probabilities).toEqual(plain.probabilities);
    expect(streamed).toEqual(ANSWER.map((t, i) => t * 100 + i));
    // The prompt, then the first token with the eleven after it guessed.
    expect(fed).toEqual([1, ANSWER.length]);
  });

  it('recovers from a changed, an inserted and a dropped word', async () => {
    const changed = ANSWER.map((t, i) => (i === 4 ? 9 : t));
    const inserted = [...ANSWER.slice(0, 5), 11, ...ANSWER.slice(5)];
    const dropped = [...ANSWER.slice(0, 5), ...ANSWER.slice(6)];
    for (const draft of [changed, inserted, dropped]) {
      const { plain, drafted } = await both(scriptLm(ANSWER), draft, { maxNewTokens: 40 });
      expect(drafted.tokens, `draft ${draft}`).toEqual(plain.tokens);
      expect(drafted.stopReason).toBe('eos');
      expect(drafted.steps, `draft ${draft}`).toBeLessThanOrEqual(4);
    }
  });

  it('equals greedy decoding with any draft on a model whose tokens cannot be guessed', async () => {
    for (const draft of [[7, 8, 9], ANSWER, [eos, 3, 3], [11]]) {
      const { plain, drafted } = await both(hashLm, draft, { maxNewTokens: 20 });
      expect(drafted.tokens).toEqual(plain.tokens);
      expect(drafted.stopReason).toBe(plain.stopReason);
      expect(drafted.probabilities).toEqual(plain.probabilities);
    }
  });

  it('stops where greedy decoding stops: max_new_tokens and the position limit', async () => {
    const long = await both(scriptLm(ANSWER), ANSWER, { maxNewTokens: 5 });
    expect(long.drafted).toMatchObject({ tokens: ANSWER.slice(0, 5), stopReason: 'max_new_tokens' });
    expect(long.plain).toMatchObject({ tokens: ANSWER.slice(0, 5), stopReason: 'max_new_tokens' });
    // prefix 16 + prompt 1: tokens may be fed at positions 17..21, so 6 come out, as greedy gives.
    const limited = await both(scriptLm(ANSWER), ANSWER, { maxNewTokens: 40, maxPositions: 22 });
    expect(limited.plain).toMatchObject({ tokens: ANSWER.slice(0, 6), stopReason: 'max_positions' });
    expect(limited.drafted).toMatchObject({ tokens: ANSWER.slice(0, 6), stopReason: 'max_positions' });
    expect(Math.max(...limited.fed)).toBeLessThanOrEqual(22 - 17);
  });

  it('applies the repetition controls as greedy decoding does', async () => {
    const { plain, drafted } = await both(scriptLm(ANSWER), ANSWER, { maxNewTokens: 40, noRepeatNgramSize: 2 });
    expect(drafted.tokens).toEqual(plain.tokens);
  });

  it('keeps the saliency row of every fed token, as greedy decoding does', async () => {
    // The last symbol attends to image position (symbol mod T); non-image positions get weight 0.
    const attention: ToyAttention = (symbols) =>
      symbols.map((_, i) => (i === symbols[symbols.length - 1] % DECODE.T ? 3 : i < DECODE.T ? 1 : 0));
    const draft = ANSWER.map((t, i) => (i === 4 ? 9 : t));
    for (const maxNewTokens of [40, 7]) {
      const plainRun = await setup(scriptLm(ANSWER), attention);
      const plain = await generate(
        plainRun.backend,
        DECODE.spec,
        plainRun.context,
        options({ maxNewTokens, saliencyPositions: 16 }),
      );
      const draftedRun = await setup(scriptLm(ANSWER), attention);
      const drafted = await generate(draftedRun.backend, DECODE.spec, draftedRun.context, {
        ...options({ maxNewTokens, saliencyPositions: 16 }),
        draft,
      });
      expect(drafted.tokens).toEqual(plain.tokens);
      expect(drafted.steps).toBeLessThan(plain.steps);
      expect(drafted.saliency.length).toBe(plain.saliency.length);
      drafted.saliency.forEach((row, i) => expect(Array.from(row), `row ${i}`).toEqual(Array.from(plain.saliency[i])));
      expectOnlyPrefixAlive(draftedRun.backend, draftedRun.prefix);
      plainRun.prefix.release();
    }
  });

  it('releases every cache when a token hook throws in the middle of the kept guesses', async () => {
    const run = await setup(scriptLm(ANSWER));
    const failing = generate(
      run.backend,
      DECODE.spec,
      run.context,
      { ...options({ maxNewTokens: 40 }), draft: ANSWER },
      {
        onToken: (_, index) => {
          if (index === 3) throw new Error('the page went away');
        },
      },
    );
    await expect(failing).rejects.toThrow('the page went away');
    expectOnlyPrefixAlive(run.backend, run.prefix);
  });

  it('is not used for beam search', async () => {
    const run = await setup(scriptLm(ANSWER));
    await generate(run.backend, DECODE.spec, run.context, { ...options({ numBeams: 2 }), draft: ANSWER });
    const fed = run.backend
      .callsOf('decoder_model_merged')
      .slice(1)
      .map((c) => c.feedDims.inputs_embeds[1]);
    expect(fed.every((q) => q === 1)).toBe(true);
    run.prefix.release();
  });
});

describe('draftIndexAfter', () => {
  const draft = [7, 8, 9, 10, 7, 11];
  it('goes on after a kept or changed word', () => {
    expect(draftIndexAfter(draft, [7], 0)).toBe(1);
    expect(draftIndexAfter(draft, [7, 8, 11], 2)).toBe(3); // 9 became 11
  });
  it('takes a change for a change even where the two last tokens appear further on', () => {
    // "10 7" is at 9-10 of this draft, but 9 was only changed to 7 at 4: the draft goes on at 5.
    expect(draftIndexAfter([7, 8, 9, 10, 9, 11, 8, 9, 9, 10, 7, 8], [7, 8, 9, 10, 7], 4)).toBe(5);
  });
  it('realigns on the last two tokens after an inserted or dropped word, nearest first', () => {
    expect(draftIndexAfter(draft, [7, 8, 9, 10, 10, 7], 5)).toBe(5); // 10 inserted: "10 7" found at 3-4
    // 9 dropped: 10 is the draft's next word.
    expect(draftIndexAfter(draft, [7, 8, 10], 2)).toBe(4);
    // 9 inserted after 10: taken for a change at first; with the next word, the draft's 7, it is realigned.
    expect(draftIndexAfter(draft, [7, 8, 9, 10, 9], 4)).toBe(5);
    expect(draftIndexAfter(draft, [7, 8, 9, 10, 9, 7], 5)).toBe(5);
  });
});
