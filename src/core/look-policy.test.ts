import { describe, expect, it } from 'vitest';
import type { CaptionStage } from './caption-types';
import { createCaptioner } from './captioner';
import {
  attributeTokenIds,
  checkLookPolicy,
  passConfidence,
  refinedTextOf,
  shouldLook,
  type LookPolicy,
} from './look-policy';
import { createTokenizer } from './text/tokenizer';
import {
  REGION_SYMBOL,
  TOY_TOKENS,
  TOY_WORDS,
  type ToyLanguageModel,
  afterTask,
  fromProbabilities,
  toyBackend,
  toyConfig,
  toyTokenizerJson,
} from './testing/toy-model';

describe('passConfidence', () => {
  const attributes = new Set([7, 8]);

  it('takes the least probability over all tokens and over attribute tokens', () => {
    //            red   star  .
    const tokens = [7, 8, 10];
    expect(passConfidence(tokens, [0.99, 0.8, 0.4], attributes)).toEqual({ all: 0.4, attributes: 0.8 });
    expect(passConfidence(tokens, [0.6, 0.95, 0.99], attributes)).toEqual({ all: 0.6, attributes: 0.6 });
  });

  it('gives 0 (look) to a caption without attribute tokens, or without tokens', () => {
    expect(passConfidence([10, 11], [0.99, 0.99], attributes)).toEqual({ all: 0.99, attributes: 0 });
    expect(passConfidence([], [], attributes)).toEqual({ all: 0, attributes: 0 });
  });

  it('refuses probabilities that do not match the tokens', () => {
    expect(() => passConfidence([7, 8], [0.5], attributes)).toThrow(/2 tokens but 1/);
  });
});

describe('shouldLook', () => {
  const sure = { all: 0.5, attributes: 0.97 };

  it('always looks with the default policy', () => {
    expect(shouldLook('always', { all: 1, attributes: 1 }, true)).toBe(true);
  });

  it('skips when the deciding confidence reaches the threshold, looks below it', () => {
    expect(shouldLook({ minTokenProbability: 0.9 }, sure, true)).toBe(false);
    expect(shouldLook({ minTokenProbability: 0.97 }, sure, true)).toBe(false); // equal: sure enough
    expect(shouldLook({ minTokenProbability: 0.98 }, sure, true)).toBe(true);
    // 'all' decides on the least likely token of any kind
    expect(shouldLook({ minTokenProbability: 0.9, tokens: 'all' }, sure, true)).toBe(true);
    expect(shouldLook({ minTokenProbability: 0.5, tokens: 'all' }, sure, true)).toBe(false);
  });

  it('looks when pass 1 was cut by a length limit or gave no probabilities', () => {
    expect(shouldLook({ minTokenProbability: 0.1 }, sure, false)).toBe(true);
    expect(shouldLook({ minTokenProbability: 0.1 }, null, true)).toBe(true);
  });
});

describe('checkLookPolicy', () => {
  it('accepts always and thresholds in [0, 1]', () => {
    for (const p of ['always', { minTokenProbability: 0 }, { minTokenProbability: 1, tokens: 'all' }] as LookPolicy[]) {
      expect(() => checkLookPolicy(p)).not.toThrow();
    }
  });

  it('rejects anything else with InvalidInputError', () => {
    const bad = [
      { minTokenProbability: 1.5 },
      { minTokenProbability: Number.NaN },
      { minTokenProbability: 0.5, tokens: 'some' },
      'never',
    ] as unknown as LookPolicy[];
    for (const p of bad)
      expect(() => checkLookPolicy(p)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('attributeTokenIds', () => {
  it("holds the bundle's content words and the position words of its vocabulary", () => {
    const config = toyConfig({ vocabSize: 14 });
    const words = [...TOY_WORDS, 'top', 'the'];
    const tokenizer = createTokenizer(toyTokenizerJson(words), config);
    expect([...attributeTokenIds(config, tokenizer)].sort((a, b) => a - b)).toEqual([7, 8, 9, 12]);
  });
});

describe('the learned captioner with a look policy', () => {
  const config = toyConfig();
  const tokenizer = createTokenizer(toyTokenizerJson(), config);
  const V = 12;
  const { eos } = TOY_TOKENS;
  const [RED, STAR, CIRCLE, DOT] = [7, 8, 9, 10];
  const pixels = () => new Uint8Array(16 * 16 * 4).fill(90);

  /** Pass 1: "red star ." with p(red) 0.95, p(star) = starP, p(.) 0.6; pass 2 (regions in the prompt): "red circle .". */
  const lm =
    (starP: number): ToyLanguageModel =>
    (symbols) => {
      const g = afterTask(symbols);
      if (symbols.some((s) => s >= REGION_SYMBOL)) {
        const script = [RED, CIRCLE, DOT];
        return fromProbabilities(V, { [script[g.length] ?? eos]: 0.99 });
      }
      if (g.length === 0) return fromProbabilities(V, { [RED]: 0.95 });
      if (g.length === 1) return fromProbabilities(V, { [STAR]: starP, [CIRCLE]: (1 - starP) * 0.9 });
      if (g.length === 2) return fromProbabilities(V, { [DOT]: 0.6 });
      return fromProbabilities(V, { [eos]: 0.99 });
    };

  async function run(starP: number, look?: LookPolicy, numBeams?: number, bundle = config, stream?: string) {
    const backend = toyBackend(bundle, lm(starP));
    const stages: CaptionStage[] = [];
    const refinedEvents: string[] = [];
    const result = await createCaptioner(backend, { config: bundle, tokenizer }).caption(
      { pixels: pixels() },
      { style: 'short', look, numBeams, stream },
      { onStage: (s) => stages.push(s), onCaption: (pass, text) => pass === 'refined' && refinedEvents.push(text) },
    );
    return { result, backend, stages, refinedEvents };
  }

  it('skips the look when every attribute token is sure: refined = coarse, no crops, no pass 2', async () => {
    const { result, backend, stages, refinedEvents } = await run(0.97, { minTokenProbability: 0.9 });
    expect(result.coarse.text).toBe('red star.');
    expect(result.refined).toEqual(result.coarse);
    expect(result.refined!.tokens).not.toBe(result.coarse.tokens);
    expect(refinedEvents).toEqual(['red star.']);
    expect(backend.callsOf('vision_encoder').length).toBe(1); // the global view only
    expect(backend.callsOf('connector').length).toBe(0);
    expect(stages).toEqual(['preprocess', 'encode', 'pass1', 'saliency', 'regions', 'done']);
    expect(result.timings.lookAgain).toBe(0);
    expect(result.timings.pass2).toBe(0);
    expect(result.look).toMatchObject({ looked: false, policy: { minTokenProbability: 0.9 } });
    expect(result.look!.minAttributeProbability).toBeCloseTo(0.95, 5);
    expect(result.look!.minProbability).toBeCloseTo(0.6, 5);
    expect(result.look!.tokenProbabilities.map((p) => +p.toFixed(5))).toEqual([0.95, 0.97, 0.6]);
    expect(result.regions.length).toBeGreaterThan(0);
    expect(backend.live.size).toBe(0);
  });

  it('looks when an attribute token is unsure, or when all tokens decide and one is', async () => {
    const unsure = await run(0.85, { minTokenProbability: 0.9 });
    expect(unsure.result.refined!.text).toBe('red circle.');
    expect(unsure.result.look!.looked).toBe(true);
    expect(unsure.backend.callsOf('connector').length).toBe(1);
    const all = await run(0.97, { minTokenProbability: 0.9, tokens: 'all' });
    expect(all.result.refined!.text).toBe('red circle.');
    expect(all.result.look!.looked).toBe(true);
    expect(all.backend.live.size).toBe(0);
  });

  it("gives 'always' and no policy the same captions; only a given policy adds the look report", async () => {
    const plain = await run(0.97);
    const always = await run(0.97, 'always');
    expect(plain.result.look).toBeUndefined();
    expect(plain.result.refined!.text).toBe('red circle.');
    expect(always.result.refined).toEqual(plain.result.refined);
    expect(always.result.coarse).toEqual(plain.result.coarse);
    expect(always.result.look).toMatchObject({ looked: true, policy: 'always' });
    expect(always.stages).toEqual(plain.stages);
  });

  it("follows the bundle's own policy (config.look) in a live stream, always looks at a still image", async () => {
    const bundle = { ...config, look: { min_token_probability: 0.9, tokens: 'attributes' as const } };
    const sure = await run(0.97, undefined, undefined, bundle, 'live');
    expect(sure.result.look).toMatchObject({
      looked: false,
      policy: { minTokenProbability: 0.9, tokens: 'attributes' },
    });
    expect(sure.result.refined!.text).toBe('red star.');
    expect(sure.backend.callsOf('connector').length).toBe(0);
    const unsure = await run(0.85, undefined, undefined, bundle, 'live');
    expect(unsure.result.look!.looked).toBe(true);
    expect(unsure.result.refined!.text).toBe('red circle.');
    // A still image: the look, and no report (no policy in force).
    const still = await run(0.97, undefined, undefined, bundle);
    expect(still.result.look).toBeUndefined();
    expect(still.result.refined!.text).toBe('red circle.');
    // A caller's 'always' overrides the bundle in a stream too.
    const always = await run(0.97, 'always', undefined, bundle, 'live');
    expect(always.result.look).toMatchObject({ looked: true, policy: 'always' });
    expect(always.result.refined!.text).toBe('red circle.');
  });

  it('always looks with beam search (no token probabilities)', async () => {
    const { result } = await run(0.97, { minTokenProbability: 0.5 }, 2);
    expect(result.look).toMatchObject({ looked: true, minProbability: null, tokenProbabilities: [] });
    expect(result.refined!.text).toBe('red circle.');
  });

  it('rejects a threshold outside [0, 1]', async () => {
    await expect(run(0.97, { minTokenProbability: 2 })).rejects.toMatchObject({ name: 'InvalidInputError' });
  });
});

describe('refinedTextOf', () => {
  const text = (t: string) => ({ text: t, tokens: [], stopReason: 'eos' as const });
  const report = (looked: boolean) => ({
    looked,
    policy: 'always' as const,
    minProbability: null,
    minAttributeProbability: null,
    tokenProbabilities: [],
  });
  it('gives the refined caption, or null when refinement was off or the policy skipped the look', () => {
    expect(refinedTextOf({ refined: text('a blue star.') })).toBe('a blue star.');
    expect(refinedTextOf({ refined: text('a blue star.'), look: report(true) })).toBe('a blue star.');
    expect(refinedTextOf({ refined: text('a red star.'), look: report(false) })).toBeNull();
    expect(refinedTextOf({})).toBeNull();
  });
});
