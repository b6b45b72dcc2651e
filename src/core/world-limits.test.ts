import { describe, expect, it } from 'vitest';
import type { GlanceConfig } from './bundle/config';
import type { CaptionStage } from './caption-types';
import { createCaptioner } from './captioner';
import { fitGeometry } from './image/fit';
import { createTokenizer } from './text/tokenizer';
import { TOY_TOKENS, afterTask, oneHot, toyBackend, toyConfig, toyTokenizerJson } from './testing/toy-model';
import {
  CHECKED_SQUARE_PX,
  MAX_MODERATE_SHARE,
  MIN_FLAT_SHARE,
  OUT_OF_DOMAIN_SENTENCE,
  checkWorldDomain,
  flatShare,
  outOfDomainResult,
  stepShares,
} from './world-limits';
import { sceneSeed } from '../world/random';
import { renderScene } from '../world/render';
import { sampleScene } from '../world/scene';
import { SPLITS, SPLIT_SEEDS } from '../world/splits';

const S = CHECKED_SQUARE_PX;

/** A square of 4 px blocks alternating two grey levels: one step size everywhere at the global view. */
function blocks(low: number, high: number, size = S): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = ((x >> 2) + (y >> 2)) % 2 === 0 ? low : high;
      data.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return data;
}

/** Sharp edges only (steps of 120 levels), no flat pixel at all. */
const grainy = (size = S) => blocks(70, 190, size);
/** Photo-like texture: moderate steps only (20 levels), no flat pixel at all. */
const textured = (size = S) => blocks(115, 135, size);

function flat(size = S, value = 128): Uint8Array {
  return new Uint8Array(size * size * 4).fill(value);
}

const square = (data: Uint8Array, size = S) => ({ data, size, channels: 4 as const });

describe('flatShare and checkWorldDomain', () => {
  it('a flat square is all flat; a grainy one has no flat pixel', () => {
    expect(flatShare(square(flat()))).toBe(1);
    expect(flatShare(square(grainy()))).toBe(0);
  });

  it('passes world scenes and refuses a textured (photo-like) square with its score', () => {
    for (let i = 0; i < 5; i++) {
      const pixels = renderScene(sampleScene(sceneSeed(SPLIT_SEEDS.test, i)), S);
      expect(checkWorldDomain(square(new Uint8Array(pixels.buffer)))).toBeNull();
    }
    expect(stepShares(square(textured()))).toEqual({ flat: 0, moderate: 1 });
    expect(checkWorldDomain(square(textured()))).toEqual({ reason: 'not-flat', score: 0 });
  });

  it('passes a crowded scene whose edges leave few flat pixels: its other pixels are edges, not texture', () => {
    // test-crowded scene 241 (nine objects), the least flat of the split's first 1,000 (measured 2026-12-08).
    const crowded = SPLITS['test-crowded'];
    const pixels = renderScene(sampleScene(sceneSeed(crowded.seed, 241), crowded.objects), S);
    const shares = stepShares(square(new Uint8Array(pixels.buffer)));
    expect(shares.flat).toBeLessThan(MIN_FLAT_SHARE);
    expect(shares.moderate).toBeLessThanOrEqual(MAX_MODERATE_SHARE);
    expect(checkWorldDomain(square(new Uint8Array(pixels.buffer)))).toBeNull();
    // Sharp edges alone (4 px blocks 120 levels apart) are not texture either.
    expect(checkWorldDomain(square(grainy()))).toBeNull();
  });

  it('reads RGB as well as RGBA', () => {
    const rgba = grainy();
    const rgb = new Uint8Array(S * S * 3);
    for (let p = 0; p < S * S; p++) rgb.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);
    expect(flatShare({ data: rgb, size: S, channels: 3 })).toBe(flatShare(square(rgba)));
  });

  it('counts only the letterboxed picture, not the flat bars around it', () => {
    const geometry = fitGeometry(1280, 240, S, 'letterbox'); // a 256 x 48 picture between two bars
    const data = flat();
    const noise = textured();
    const { x, y, w, h } = geometry.dst;
    for (let row = y; row < y + h; row++)
      data.set(noise.subarray((row * S + x) * 4, (row * S + x + w) * 4), (row * S + x) * 4);
    expect(flatShare(square(data))).toBeGreaterThan(MIN_FLAT_SHARE); // the bars alone would let it through
    expect(flatShare(square(data), geometry)).toBe(0);
    expect(checkWorldDomain(square(data), geometry)?.reason).toBe('not-flat');
  });

  it('does not check squares of another size (no threshold was measured there)', () => {
    expect(checkWorldDomain(square(textured(32), 32))).toBeNull();
  });
});

describe('outOfDomainResult', () => {
  it('carries the sentence as both captions, the flag, and no heat or regions', () => {
    const timings = { preprocess: 1, encode: 0, pass1: 0, saliency: 0, regions: 0, lookAgain: 0, pass2: 0, total: 1 };
    const result = outOfDomainResult({
      style: 'detailed',
      refine: true,
      grid: 8,
      timings,
      backend: 'cpu',
      outOfDomain: { reason: 'not-flat', score: 0.3 },
    });
    expect(result.coarse).toEqual({ text: OUT_OF_DOMAIN_SENTENCE, tokens: [], stopReason: 'eos' });
    expect(result.refined?.text).toBe(OUT_OF_DOMAIN_SENTENCE);
    expect(result.saliency.values).toEqual(new Array(64).fill(0));
    expect(result.regions).toEqual([]);
    expect(result.outOfDomain).toEqual({ reason: 'not-flat', score: 0.3 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result); // plain data: crosses the worker boundary
    expect(
      outOfDomainResult({
        ...{ style: 'short', grid: 8, timings, backend: 'cpu' },
        refine: false,
        outOfDomain: { reason: 'not-flat', score: 0 },
      }).refined,
    ).toBeUndefined();
  });
});

describe('the captioner at the world size', () => {
  const base = toyConfig();
  // The toy model scaled to a 256 px square (the size the check applies to); the toy parts read any size.
  const config: GlanceConfig = {
    ...base,
    image: { ...base.image, size: S, global_size: 64 },
    vision: { ...base.vision, patch_size: 16 },
    regions: { ...base.regions, window: 64 },
  };
  const tokenizer = createTokenizer(toyTokenizerJson(), config);
  const RED = 7;
  const lm = (symbols: readonly number[]) => oneHot(12, [RED][afterTask(symbols).length] ?? TOY_TOKENS.eos);

  it('a photo-like square gets the sentence and the flag, without decoding', async () => {
    const backend = toyBackend(config, lm);
    const stages: CaptionStage[] = [];
    const tokens: string[] = [];
    const result = await createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: textured() },
      {},
      { onStage: (s) => stages.push(s), onToken: (_p, text) => tokens.push(text) },
    );
    expect(result.outOfDomain).toEqual({ reason: 'not-flat', score: 0 });
    expect(result.coarse.text).toBe(OUT_OF_DOMAIN_SENTENCE);
    expect(result.refined?.text).toBe(OUT_OF_DOMAIN_SENTENCE);
    expect(result.regions).toEqual([]);
    expect(stages).toEqual(['preprocess', 'done']);
    expect(tokens).toEqual([]);
    expect(backend.calls.length).toBe(0);
  });

  it('a world scene is captioned as before, without the flag', async () => {
    const pixels = new Uint8Array(renderScene(sampleScene(sceneSeed(SPLIT_SEEDS.test, 0)), S).buffer);
    const result = await createCaptioner(toyBackend(config, lm), { config, tokenizer }).caption({ pixels });
    expect(result.outOfDomain).toBeUndefined();
    expect(result.coarse.tokens).toEqual([RED]);
  });
});
