import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeOnnx } from '../../tfjs-onnx/write-onnx';
import { patchColours } from '../colour-patches';
import { COLOURS } from '../design';
import { type WeightFormat } from '../graph-builder';
import { BOS, CH, D_MODEL, EOS, GRID, HEADS, HEAD_DIM, IMAGE_SIZE, NUM_PATCHES, locToken } from './design';
import { buildVocab, tokenId } from './tokenizer';
import { florence2Models } from './florence2-files';

/**
 * The graphs run directly, below transformers.js: the vision rule and the cache plumbing, in onnxruntime-node and in
 * onnxruntime-web's WASM backend (what the app runs; its graph optimisations may differ).
 */

const FORMATS: WeightFormat[] = ['fp32', 'fp16', 'q8'];
const RUNTIMES = [
  { runtime: 'onnxruntime-node', ort: ortNode as unknown as typeof ortWeb },
  { runtime: 'onnxruntime-web (wasm)', ort: ortWeb },
];
const CASES = RUNTIMES.flatMap((r) => FORMATS.map((format) => ({ ...r, format })));

type Sessions = Record<'vision' | 'decoder', ortWeb.InferenceSession>;

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe.each(CASES)('$runtime, $format graphs', ({ ort, format }) => {
  const sessions = {} as Sessions;
  beforeAll(async () => {
    const models = florence2Models(format);
    sessions.vision = await ort.InferenceSession.create(encodeOnnx(models.vision_encoder));
    sessions.decoder = await ort.InferenceSession.create(encodeOnnx(models.decoder_model_merged));
  });

  it('the vision encoder applies the colour-patches rule to each 8×8 patch', async () => {
    const next = random(7);
    // Each patch one flat colour whose channel gaps are never within 0.06 of the 0.5 margin.
    const rgb = new Float32Array(IMAGE_SIZE * IMAGE_SIZE * 3);
    for (let p = 0; p < NUM_PATCHES; p++) {
      let colour: number[];
      do colour = [next(), next(), next()];
      while (colour.some((a, i) => colour.some((b, j) => i !== j && Math.abs(Math.abs(a - b) - 0.5) < 0.06)));
      const [pr, pc] = [Math.floor(p / GRID), p % GRID];
      for (let y = pr * 8; y < pr * 8 + 8; y++) {
        for (let x = pc * 8; x < pc * 8 + 8; x++) rgb.set(colour, (y * IMAGE_SIZE + x) * 3);
      }
    }
    const n = IMAGE_SIZE * IMAGE_SIZE;
    const chw = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) chw[c * n + i] = (rgb[i * 3 + c] - 0.5) / 0.5;
    const pixelValues = new ort.Tensor('float32', chw, [1, 3, IMAGE_SIZE, IMAGE_SIZE]);
    const out = await sessions.vision.run({ pixel_values: pixelValues });
    const features = out.image_features.data as Float32Array;
    expect(out.image_features.dims).toEqual([1, NUM_PATCHES, D_MODEL]);
    const expected = patchColours(rgb, IMAGE_SIZE);
    expect(new Set(expected).size).toBe(4); // red, green, blue and none all occur
    const seen = expected.map((_, p) => COLOURS.find((c) => features[p * D_MODEL + CH.colour[c]] > 0.5) ?? null);
    expect(seen).toEqual(expected);
    for (let p = 0; p < NUM_PATCHES; p++) {
      expect(features[p * D_MODEL + CH.col]).toBeCloseTo(p % GRID, 5);
      expect(features[p * D_MODEL + CH.row]).toBeCloseTo(Math.floor(p / GRID), 5);
    }
  });

  it('the decoder counts steps by its cache and returns real present entries', async () => {
    // Encoder states: one red patch at column 2, row 5; a grounding prompt naming red.
    const E = NUM_PATCHES + 2;
    const enc = new Float32Array(E * D_MODEL);
    const patch = 5 * GRID + 2;
    enc[patch * D_MODEL + CH.colour.red] = 1;
    enc[patch * D_MODEL + CH.col] = 2;
    enc[patch * D_MODEL + CH.row] = 5;
    enc[NUM_PATCHES * D_MODEL + CH.ground] = 1;
    enc[(NUM_PATCHES + 1) * D_MODEL + CH.named.red] = 1;
    const next = random(3);
    const step = Float32Array.from({ length: D_MODEL }, () => Math.round(next() * 8) - 4);
    const answer: number[] = [];
    for (let past = 0; past < 10; past++) {
      const feeds: Record<string, ortWeb.Tensor> = {
        inputs_embeds: new ort.Tensor('float32', step, [1, 1, D_MODEL]),
        encoder_hidden_states: new ort.Tensor('float32', enc, [1, E, D_MODEL]),
        encoder_attention_mask: new ort.Tensor('int64', new BigInt64Array(E).fill(1n), [1, E]),
      };
      const pasts: Record<string, Float32Array> = {};
      for (const name of sessions.decoder.inputNames.filter((n) => n.startsWith('past_key_values.'))) {
        const length = name.includes('.encoder.') ? (past > 0 ? E : 0) : past;
        pasts[name] = Float32Array.from({ length: HEADS * length * HEAD_DIM }, () => next());
        feeds[name] = new ort.Tensor('float32', pasts[name], [1, HEADS, length, HEAD_DIM]);
      }
      const out = await sessions.decoder.run(feeds);
      const logits = out.logits.data as Float32Array;
      answer.push(logits.indexOf(Math.max(...logits)));
      for (const [name, values] of Object.entries(pasts)) {
        const present = out[name.replace('past_key_values', 'present')];
        const isEncoder = name.includes('.encoder.');
        expect(present.dims).toEqual([1, HEADS, isEncoder ? E : past + 1, HEAD_DIM]);
        // Each head's rows begin with the past ones (a cross-attention past, once there is one, is kept whole).
        const data = present.data as Float32Array;
        const rows = present.dims[2];
        for (let h = 0; h < HEADS; h++) {
          const pastRows = values.length / HEADS / HEAD_DIM;
          const head = data.subarray(h * rows * HEAD_DIM, (h * rows + pastRows) * HEAD_DIM);
          expect(Array.from(head)).toEqual(
            Array.from(values.subarray(h * pastRows * HEAD_DIM, (h + 1) * pastRows * HEAD_DIM)),
          );
        }
      }
    }
    const v = buildVocab();
    const phrase = [BOS, 'Ġsomething', 'Ġred', ...[250, 625, 374, 749].map(locToken), EOS, EOS, EOS];
    expect(answer).toEqual(phrase.map((t) => tokenId(v, t)));
  });
});
