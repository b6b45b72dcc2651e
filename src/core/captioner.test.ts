import { describe, expect, it } from 'vitest';
import type { CaptionStage } from './caption-types';
import { createCaptioner, warmUp } from './captioner';
import { fitGeometry } from './image/fit';
import { createTokenizer } from './text/tokenizer';
import {
  REGION_SYMBOL,
  TOY_TOKENS,
  type ToyAttention,
  type ToyLanguageModel,
  afterTask,
  fromProbabilities,
  oneHot,
  toyBackend,
  toyConfig,
  toyTokenizerJson,
} from './testing/toy-model';

const config = toyConfig();
const tokenizer = createTokenizer(toyTokenizerJson(), config);
const V = 12;
const { eos } = TOY_TOKENS;
const SIZE = 16;
const RED = 7;
const STAR = 8;
const CIRCLE = 9;
const DOT = 10;

/** Pass 1 says "red star ."; pass 2 (the prompt has region tokens) says "red circle .". */
const twoPassLm: ToyLanguageModel = (symbols) => {
  const g = afterTask(symbols);
  const second = symbols.some((s) => s >= REGION_SYMBOL);
  const script = second ? [RED, CIRCLE, DOT] : [RED, STAR, DOT];
  return oneHot(V, script[g.length] ?? eos);
};

/** "red" looks at image token 5 (cell 1,1), "star" at image token 15 (cell 3,3); others look everywhere. */
const lookAt: ToyAttention = (symbols) => {
  const last = symbols[symbols.length - 1];
  const target = last === RED ? 5 : last === STAR ? 15 : -1;
  return symbols.map((s, i) => (target < 0 ? 1 : i === target ? 1 : 0));
};

function square(): Uint8Array {
  // left half black, right half white: crops see different means
  const data = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++)
    for (let x = SIZE / 2; x < SIZE; x++) data.fill(255, (y * SIZE + x) * 4, (y * SIZE + x) * 4 + 3);
  return data;
}

describe('createCaptioner', () => {
  it('runs both passes: coarse caption, heat map, regions, refined caption; releases every tensor', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    const captioner = createCaptioner(backend, { config, tokenizer });
    const result = await captioner.caption({ pixels: square() }, { style: 'short' });

    expect(result.coarse).toEqual({ text: 'red star.', tokens: [RED, STAR, DOT], stopReason: 'eos' });
    expect(result.refined).toEqual({ text: 'red circle.', tokens: [RED, CIRCLE, DOT], stopReason: 'eos' });
    expect(result.backend).toBe('fake');
    // heat: "red" -> cell 5, "star" -> cell 15, "." is not a content word
    const expectedHeat = new Array(16).fill(0);
    expectedHeat[5] = 1;
    expectedHeat[15] = 1;
    expect(result.saliency).toEqual({ grid: 4, values: expectedHeat });
    // cell (1,1): (1.5 * 4) - 4 = 2; cell (3,3): 10 -> clamped to 16 - 8 = 8
    expect(result.regions.map((r) => r.square)).toEqual([
      { x: 2, y: 2, w: 8, h: 8 },
      { x: 8, y: 8, w: 8, h: 8 },
    ]);
    expect(result.regions[0]).toMatchObject({ x: 2, y: 2, w: 8, h: 8, score: 0.5 });
    expect(backend.live.size).toBe(0);
  });

  it('computes the image prefix once and extends it in both passes', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    await createCaptioner(backend, { config, tokenizer }).caption({ pixels: square() }, { style: 'short' });
    const decoder = backend.callsOf('decoder_model_merged');
    const fromScratch = decoder.filter((c) => c.feedDims['past_key_values.0.key'][2] === 0);
    expect(fromScratch.map((c) => c.feedDims.inputs_embeds)).toEqual([[1, 16, 4]]);
    // pass 1 starts on the 16 image positions with the task token; so does pass 2, with its longer prompt:
    // k*R = 2 region tokens + <refine> + 3 coarse tokens + <short> = 7
    const onPrefix = decoder.filter((c) => c.feedDims['past_key_values.0.key'][2] === 16);
    expect(onPrefix.map((c) => c.feedDims.inputs_embeds[1])).toEqual([1, 7]);
    const pass2Prompt = onPrefix[1].feedData.inputs_embeds as Float32Array;
    const symbols = Array.from({ length: 7 }, (_, j) => pass2Prompt[j * 4]);
    expect(symbols).toEqual([REGION_SYMBOL, REGION_SYMBOL + 1, TOY_TOKENS.refine, RED, STAR, DOT, TOY_TOKENS.short]);
  });

  it('encodes the global view and the full-resolution crops as the protocol says', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    await createCaptioner(backend, { config, tokenizer }).caption({ pixels: square() }, { style: 'short' });
    const [global, crops] = backend.callsOf('vision_encoder');
    expect(global.feedDims.pixel_values).toEqual([1, 3, 8, 8]);
    // global view: 2x2 block means; column 3 of 8 is black (-1), column 4 white (+1) after (v/255-0.5)/0.5
    const g = global.feedData.pixel_values as Float32Array;
    expect([g[3], g[4]]).toEqual([-1, 1]);
    expect(crops.feedDims.pixel_values).toEqual([2, 3, 8, 8]);
    const c = crops.feedData.pixel_values as Float32Array;
    // crop 0 starts at x=2: columns 2..9, so its column 5 is x=7 (black) and column 6 is x=8 (white)
    expect([c[5], c[6]]).toEqual([-1, 1]);
    // crop 1 starts at x=8: all white
    expect(c.slice(3 * 64, 4 * 64).every((v) => v === 1)).toBe(true);
    const connector = backend.callsOf('connector')[0];
    expect(Array.from(connector.feedData.region_boxes as Float32Array)).toEqual([
      2 / 16,
      2 / 16,
      10 / 16,
      10 / 16,
      0.5,
      0.5,
      1,
      1,
    ]);
    expect(connector.feedDims).toMatchObject({ region_features: [1, 2, 16, 4], caption_embeds: [1, 3, 4] });
  });

  it("in a live stream encodes only the crops that changed since the stream's last frame, same captions", async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    const captioner = createCaptioner(backend, { config, tokenizer });
    const alone = await captioner.caption({ pixels: square() }, { style: 'short' });
    const encodes = () => backend.callsOf('vision_encoder').map((c) => c.feedDims.pixel_values[0]);
    backend.calls.length = 0;
    await captioner.caption({ pixels: square() }, { style: 'short', stream: 'live-1' });
    const again = await captioner.caption({ pixels: square() }, { style: 'short', stream: 'live-1' });
    // the glance each frame (batch 1); both crops the first frame, none the second
    expect(encodes()).toEqual([1, 2, 1]);
    expect(again.refined?.text).toBe(alone.refined?.text);
    const connectors = backend.callsOf('connector');
    expect(connectors[1].feedData.region_features).toEqual(connectors[0].feedData.region_features);

    // Crop 1 (x 8..15) changes under a grey patch: only it is encoded again; another stream encodes both.
    backend.calls.length = 0;
    const patched = square();
    for (let y = 10; y < 14; y++) patched.fill(128, (y * SIZE + 10) * 4, (y * SIZE + 14) * 4);
    await captioner.caption({ pixels: patched }, { style: 'short', stream: 'live-1' });
    await captioner.caption({ pixels: patched }, { style: 'short', stream: 'live-2' });
    await captioner.caption({ pixels: patched }, { style: 'short' });
    expect(encodes()).toEqual([1, 1, 1, 2, 1, 2]);
    expect(backend.live.size).toBe(0);
  });

  it("drafts pass 2 from the coarse caption and a live frame's pass 1 from the stream's last one: same result, fewer calls", async () => {
    const run = async (frames: { stream?: string; draft?: boolean; style?: 'short' | 'detailed' }[]) => {
      const backend = toyBackend(config, twoPassLm, lookAt);
      const captioner = createCaptioner(backend, { config, tokenizer });
      const results = [];
      const calls: number[] = [];
      for (const frame of frames) {
        backend.calls.length = 0;
        results.push(await captioner.caption({ pixels: square() }, { style: 'short', ...frame }));
        calls.push(backend.callsOf('decoder_model_merged').length);
      }
      expect(backend.live.size).toBe(0);
      return { results, calls };
    };
    const plain = await run([{ draft: false }]);
    // one-token calls: the image prefix, pass 1's prompt and 3 tokens, pass 2's prompt and 3 tokens
    expect(plain.calls).toEqual([9]);
    const live = await run([{ stream: 's' }, { stream: 's' }, { stream: 's', style: 'detailed' }, { stream: 't' }]);
    // Frame 1: pass 2's draft "red star ." is refused at "circle" and then taken for "." (3 calls instead of 4);
    // frame 2: pass 1 takes the whole of frame 1's "red star ." in one call after its prompt (2 instead of 4).
    for (const result of live.results.slice(0, 2)) {
      expect(result.coarse).toEqual(plain.results[0].coarse);
      expect(result.refined).toEqual(plain.results[0].refined);
      expect(result.saliency).toEqual(plain.results[0].saliency);
      expect(result.regions).toEqual(plain.results[0].regions);
    }
    expect(live.calls.slice(0, 2)).toEqual([8, 6]);
    // Another style or another stream has no draft for pass 1.
    expect(live.calls[3]).toBe(live.calls[0]);
  });

  it('maps region boxes back through the letterbox geometry', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    const geometry = fitGeometry(32, 16, SIZE, 'letterbox'); // picture at rows 4..12 of the square, scale 2
    const result = await createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square(), geometry },
      { style: 'short' },
    );
    // square box (2,2)-(10,10): x 4..20; y (2-4)*2 = -4 -> 0 .. (10-4)*2 = 12
    expect(result.regions[0]).toMatchObject({ x: 4, y: 0, w: 16, h: 12 });
    // (8,8)-(16,16): x 16..32; y 8..24 -> clipped to the frame's 16 rows
    expect(result.regions[1]).toMatchObject({ x: 16, y: 8, w: 16, h: 8 });
  });

  it('streams tokens per pass, reports stages in order and each pass caption as its pass ends', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    const pieces: Record<string, string[]> = { coarse: [], refined: [] };
    const stages: CaptionStage[] = [];
    const order: string[] = [];
    const result = await createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square() },
      { style: 'short' },
      {
        onToken: (pass, text) => pieces[pass].push(text),
        onStage: (stage) => void (stages.push(stage), order.push(stage)),
        onCaption: (pass, text) => order.push(`${pass}: ${text}`),
      },
    );
    expect(pieces.coarse).toEqual(['red', ' star', '.']);
    expect(pieces.refined.join('')).toBe(result.refined!.text);
    expect(stages).toEqual(['preprocess', 'encode', 'pass1', 'saliency', 'regions', 'lookAgain', 'pass2', 'done']);
    expect(order).toEqual([
      'preprocess',
      'encode',
      'pass1',
      `coarse: ${result.coarse.text}`,
      'saliency',
      'regions',
      'lookAgain',
      'pass2',
      `refined: ${result.refined!.text}`,
      'done',
    ]);
    expect(result.coarse.text).toBe('red star.');
    expect(result.timings.total).toBeGreaterThanOrEqual(result.timings.pass1);
  });

  it('skips the second look without refine but still gives regions', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    const result = await createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square() },
      { style: 'short', refine: false, k: 1 },
    );
    expect(result.refined).toBeUndefined();
    expect(result.regions.length).toBe(1);
    expect(backend.callsOf('connector').length).toBe(0);
    expect(result.timings.pass2).toBe(0);
    expect(backend.live.size).toBe(0);
  });

  it('uses the style token and its default length', async () => {
    const backend = toyBackend(config, () => oneHot(V, RED));
    const result = await createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square() },
      { refine: false },
    );
    expect(result.style).toBe('detailed');
    expect(result.coarse.tokens.length).toBe(config.generation.max_new_tokens.detailed);
    const firstPrompt = backend.callsOf('embed_tokens')[0].feedData.input_ids as BigInt64Array;
    expect(Array.from(firstPrompt)).toEqual([BigInt(TOY_TOKENS.detailed)]);
  });

  it('gives the same result without the KV cache', async () => {
    const hashLm: ToyLanguageModel = (symbols) => {
      let h = 7;
      for (const s of symbols) h = (Math.imul(h, 31) + s) >>> 0;
      return Float32Array.from({ length: V }, (_, i) => ((h >> (i % 16)) & 7) + (i === eos ? -3 : 0));
    };
    const attention: ToyAttention = (symbols) => symbols.map((s, i) => 1 + ((s * 13 + i) % 4));
    const cached = await createCaptioner(toyBackend(config, hashLm, attention), { config, tokenizer }).caption({
      pixels: square(),
    });
    const backend = toyBackend(config, hashLm, attention);
    const uncached = await createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square() },
      { useCache: false },
    );
    expect(uncached.coarse).toEqual(cached.coarse);
    expect(uncached.refined).toEqual(cached.refined);
    expect(uncached.saliency).toEqual(cached.saliency);
    expect(uncached.regions).toEqual(cached.regions);
    expect(cached.coarse.tokens.length).toBeGreaterThan(2);
    expect(backend.callsOf('decoder_model_merged').every((c) => c.feedDims['past_key_values.0.key'][2] === 0)).toBe(
      true,
    );
    expect(backend.live.size).toBe(0);
  });

  it('passes beam search through', async () => {
    const trap: ToyLanguageModel = (symbols) => {
      const g = afterTask(symbols);
      if (g.length === 0) return fromProbabilities(V, { [RED]: 0.5, [STAR]: 0.4, [eos]: 0.1 });
      if (g[0] === STAR) return fromProbabilities(V, { [eos]: 0.9 });
      if (g.length === 1) return fromProbabilities(V, { [CIRCLE]: 0.3, [DOT]: 0.3, 11: 0.3, [eos]: 0.05 });
      return fromProbabilities(V, { [eos]: 0.95 });
    };
    const captioner = createCaptioner(toyBackend(config, trap), { config, tokenizer });
    expect((await captioner.caption({ pixels: square() }, { refine: false })).coarse.tokens).toEqual([RED, CIRCLE]);
    expect((await captioner.caption({ pixels: square() }, { refine: false, numBeams: 2 })).coarse.tokens).toEqual([
      STAR,
    ]);
  });

  it('cancels between decoding steps with CancelledError and leaks nothing', async () => {
    const backend = toyBackend(config, () => oneHot(V, RED));
    let tokens = 0;
    const job = createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square() },
      {},
      {
        onToken: () => tokens++,
        isCancelled: () => tokens >= 2,
      },
    );
    await expect(job).rejects.toMatchObject({ name: 'CancelledError' });
    expect(tokens).toBe(2);
    expect(backend.live.size).toBe(0);
  });

  it('cancels in pass 2 too, releasing the shared prefix', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    const controller = new AbortController();
    const job = createCaptioner(backend, { config, tokenizer }).caption(
      { pixels: square() },
      { style: 'short' },
      {
        signal: controller.signal,
        onToken: (pass) => pass === 'refined' && controller.abort(),
      },
    );
    await expect(job).rejects.toMatchObject({ name: 'CancelledError' });
    expect(backend.live.size).toBe(0);
  });

  it('releases everything when a part fails', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    backend.beforeRun = (part) => {
      if (part === 'connector') throw new Error('connector exploded');
    };
    await expect(createCaptioner(backend, { config, tokenizer }).caption({ pixels: square() })).rejects.toThrow(
      'connector exploded',
    );
    expect(backend.live.size).toBe(0);
  });

  it('rejects a buffer that is not the model square', async () => {
    const captioner = createCaptioner(toyBackend(config, twoPassLm), { config, tokenizer });
    await expect(captioner.caption({ pixels: new Uint8Array(10) })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    await expect(captioner.caption({ pixels: square() }, { k: 0 })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    await expect(captioner.caption({ pixels: square() }, { maxNewTokens: 0 })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
    await expect(captioner.caption({ pixels: square() }, { numBeams: 1.5 })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
  });

  it('refuses a backend whose parts break the contract', () => {
    const backend = toyBackend(config, twoPassLm);
    const signature = backend.signature.bind(backend);
    backend.signature = (part) =>
      part === 'embed_tokens' ? { inputs: ['ids'], outputs: ['inputs_embeds'] } : signature(part);
    expect(() => createCaptioner(backend, { config, tokenizer })).toThrow(
      /onnx\/embed_tokens\.onnx: missing inputs input_ids/,
    );
  });

  it('warms up every part', async () => {
    const backend = toyBackend(config, twoPassLm, lookAt);
    await warmUp(createCaptioner(backend, { config, tokenizer }));
    for (const part of ['vision_encoder', 'embed_tokens', 'connector', 'decoder_model_merged']) {
      expect(backend.callsOf(part).length).toBeGreaterThan(0);
    }
    expect(backend.live.size).toBe(0);
  });
});
