import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElemType } from '../../tfjs-onnx/write-onnx';
import { PATCH, colourListCaption, patchColours, presentColours } from '../colour-patches';
import { COLOURS, type Colour } from '../design';
import { MAX_FIXTURE_FILE_BYTES } from '../fixture-files';
import {
  ANSWER_STEPS,
  FIXTURE_DIR,
  HEAD_DIM,
  HIDDEN,
  IMAGE_SEQ_LEN,
  IMAGE_SIZE,
  MERGED_WORDS,
  N_KV_HEADS,
  N_LAYER,
  SPECIAL,
  SPECIAL_TOKENS,
  answerTokens,
  subsetColours,
} from './design';
import { decoderModel, embedTokensModel, visionEncoderModel } from './graphs';
import { smolvlmFixtureFiles } from './smolvlm-files';
import { buildSmolVocab, tokenId, tokenizerConfigJson, tokenizerJson } from './tokenizer';
import { designedWeights } from './weights';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const committedDir = join(repoRoot, FIXTURE_DIR);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

const v = buildSmolVocab();
const w = designedWeights(v);
const V = v.vocab.size;

describe('committed smolvlm-tiny fixture', () => {
  let generated: Map<string, Uint8Array>;
  beforeAll(async () => {
    generated = await smolvlmFixtureFiles();
  });

  it('has exactly the files of the SmolVLM hub layout', () => {
    const onnx = ['embed_tokens', 'vision_encoder', 'decoder_model_merged'].flatMap((f) =>
      ['', '_fp16', '_quantized'].map((s) => `onnx/${f}${s}.onnx`),
    );
    expect([...generated.keys()].sort()).toEqual(
      [
        'config.json',
        'generation_config.json',
        'preprocessor_config.json',
        'processor_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        ...onnx,
      ].sort(),
    );
    expect(listFiles(committedDir)).toEqual([...generated.keys()].sort());
  });

  it('equals what the generator writes now (run `npm run hub:fixtures` if not)', () => {
    for (const [path, bytes] of generated) {
      const committed = new Uint8Array(readFileSync(join(committedDir, path)));
      expect(Buffer.compare(committed, bytes), `${FIXTURE_DIR}/${path} is stale`).toBe(0);
    }
  });

  it('keeps every file under 2 MB and the repo under 1.5 MB', () => {
    let total = 0;
    for (const path of listFiles(committedDir)) {
      const size = readFileSync(join(committedDir, path)).length;
      expect(size, path).toBeLessThan(MAX_FIXTURE_FILE_BYTES);
      total += size;
    }
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });
});

describe('tokenizer', () => {
  const tokenizer = new Tokenizer(tokenizerJson(v), tokenizerConfigJson(v));
  const ids = (tokens: readonly string[]) => tokens.map((t) => tokenId(v, t));

  it('encodes every answer to its designed tokens, one per word', () => {
    for (let s = 0; s < 8; s++) {
      const colours = subsetColours(s);
      expect(tokenizer.encode(colourListCaption(colours)).ids).toEqual(ids(answerTokens(colours)));
    }
  });

  it('decodes an answer and drops <end_of_utterance> when skipping special tokens', () => {
    const answer = ids([...answerTokens(['green']), SPECIAL.eos]);
    expect(tokenizer.decode(answer, { skip_special_tokens: true })).toBe(colourListCaption(['green']));
    expect(tokenizer.decode(answer)).toBe(`${colourListCaption(['green'])}${SPECIAL.eos}`);
  });

  it('keeps the special tokens and chat words whole, and still encodes any text', () => {
    const text = `${SPECIAL.bos}User:${SPECIAL.fakeImage}${SPECIAL.globalImage}${SPECIAL.image}Hi${SPECIAL.eos}\nAssistant:`;
    const { tokens } = tokenizer.encode(text);
    expect(tokens).toEqual([
      SPECIAL.bos,
      'User',
      ':',
      SPECIAL.fakeImage,
      SPECIAL.globalImage,
      SPECIAL.image,
      'H',
      'i',
      SPECIAL.eos,
      'Ċ',
      'Assistant',
      ':',
    ]);
    expect(tokenizer.decode(tokenizer.encode('Zoë 42!').ids)).toBe('Zoë 42!');
    expect(SPECIAL_TOKENS.map((t) => tokenId(v, t))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const word of MERGED_WORDS) expect(tokenizer.encode(word.replace('Ġ', ' ')).ids).toEqual([tokenId(v, word)]);
  });
});

describe('weight formats', () => {
  const models = (wf: 'fp32' | 'fp16' | 'q8') => [
    embedTokensModel(w, V, wf),
    visionEncoderModel(w, wf),
    decoderModel(w, V, wf),
  ];

  it('stores every q8 weight as int8 behind DequantizeLinear, only scalar scales stay float', () => {
    for (const model of models('q8')) {
      const floats = model.initializers.filter((t) => t.elemType === ElemType.float);
      expect(floats.every((t) => t.dims.length === 0 && t.name.endsWith('_scale'))).toBe(true);
      const int8 = model.initializers.filter((t) => t.elemType === ElemType.int8 && t.dims.length > 0);
      expect(int8.length).toBeGreaterThan(0);
      const dq = model.nodes.filter((n) => n.op === 'DequantizeLinear');
      expect(dq.map((n) => n.inputs[0]).sort()).toEqual(int8.map((t) => t.name).sort());
    }
  });

  it('stores every fp16 weight as halves behind a Cast, with float32 inputs and outputs as fp32', () => {
    const fp32 = models('fp32');
    models('fp16').forEach((model, i) => {
      expect(model.initializers.some((t) => t.elemType === ElemType.float)).toBe(false);
      expect(model.initializers.filter((t) => t.elemType === ElemType.float16).length).toBeGreaterThan(0);
      expect(model.inputs).toEqual(fp32[i].inputs);
      expect(model.outputs).toEqual(fp32[i].outputs);
    });
  });

  it('uses only 0, 1 and the answer logit as weight values (exact in float16 and int8)', () => {
    for (const m of [w.embed, w.visionProj, w.colourValueProj, w.answerTable, ...w.keyProj]) {
      expect(new Set(m).size).toBeLessThanOrEqual(2);
    }
  });
});

/** The graphs through onnxruntime-node on their own: rule, shapes, cache growth. */
describe.each(['', '_fp16', '_quantized'])('onnx graphs%s', (suffix) => {
  let embed: ort.InferenceSession;
  let vision: ort.InferenceSession;
  let decoder: ort.InferenceSession;

  beforeAll(async () => {
    const files = await smolvlmFixtureFiles();
    const session = (name: string) =>
      ort.InferenceSession.create(files.get(`onnx/${name}${suffix}.onnx`) as Uint8Array);
    [embed, vision, decoder] = await Promise.all([
      session('embed_tokens'),
      session('vision_encoder'),
      session('decoder_model_merged'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([embed, vision, decoder].map((s) => s?.release()));
  });

  /** Random-ish colour blocks in [0, 1] (HWC), 4 px blocks so some patches are mixed. */
  function blocks(seed: number): Float64Array {
    const palette = [
      [0.9, 0.05, 0.1],
      [0.1, 0.85, 0.05],
      [0.05, 0.1, 0.95],
      [0.5, 0.5, 0.5],
      [0.95, 0.9, 0.1],
    ];
    const rgb = new Float64Array(IMAGE_SIZE * IMAGE_SIZE * 3);
    let s = seed;
    for (let by = 0; by < IMAGE_SIZE / 4; by++) {
      for (let bx = 0; bx < IMAGE_SIZE / 4; bx++) {
        s = (s * 1103515245 + 12345) % 2 ** 31;
        const colour = palette[s % palette.length];
        for (let y = by * 4; y < by * 4 + 4; y++) {
          for (let x = bx * 4; x < bx * 4 + 4; x++) rgb.set(colour, (y * IMAGE_SIZE + x) * 3);
        }
      }
    }
    return rgb;
  }

  function pixelValues(images: Float64Array[]): ort.Tensor {
    const n = IMAGE_SIZE * IMAGE_SIZE;
    const data = new Float32Array(images.length * 3 * n);
    images.forEach((rgb, i) => {
      for (let c = 0; c < 3; c++) for (let p = 0; p < n; p++) data[(i * 3 + c) * n + p] = (rgb[p * 3 + c] - 0.5) / 0.5;
    });
    return new ort.Tensor('float32', data, [1, images.length, 3, IMAGE_SIZE, IMAGE_SIZE]);
  }

  it('vision_encoder flags each patch by the colour-patches rule', async () => {
    const images = [1, 2, 3, 4].map(blocks);
    const { image_features } = await vision.run({ pixel_values: pixelValues(images) });
    expect(image_features.dims).toEqual([4, IMAGE_SEQ_LEN, HIDDEN]);
    const data = image_features.data as Float32Array;
    const seen = new Set<Colour | null>();
    images.forEach((rgb, i) => {
      patchColours(rgb, IMAGE_SIZE).forEach((colour, p) => {
        seen.add(colour);
        const row = Array.from(data.subarray((i * IMAGE_SEQ_LEN + p) * HIDDEN, (i * IMAGE_SEQ_LEN + p + 1) * HIDDEN));
        const expected = [...COLOURS.map((c) => (c === colour ? 1 : 0)), 0];
        for (let ch = 0; ch < HIDDEN; ch++) expect(row[ch]).toBeCloseTo(expected[ch], 5);
      });
    });
    // The blocks give every outcome, mixed patches included.
    expect(seen).toEqual(new Set([null, ...COLOURS]));
    expect(PATCH * Math.sqrt(IMAGE_SEQ_LEN)).toBe(IMAGE_SIZE);
  });

  it('decoder_model_merged concatenates the cache and counts its steps', async () => {
    const images = [blocks(7), blocks(11)];
    const { image_features } = await vision.run({ pixel_values: pixelValues(images) });
    const colours = COLOURS.filter((c) =>
      images.some((rgb) => presentColours(patchColours(rgb, IMAGE_SIZE)).includes(c)),
    );
    // A prompt: 3 text tokens, then every image feature (as the merge would place them), then 2 text tokens.
    const promptIds = new ort.Tensor(
      'int64',
      BigInt64Array.from([1n, 10n, 11n, ...Array(2 * IMAGE_SEQ_LEN).fill(4n), 12n, 13n]),
      [1, 5 + 2 * IMAGE_SEQ_LEN],
    );
    const { inputs_embeds } = await embed.run({ input_ids: promptIds });
    const embeds = inputs_embeds.data as Float32Array;
    embeds.set(image_features.data as Float32Array, 3 * HIDDEN);

    let past: Record<string, ort.Tensor> = {};
    for (let i = 0; i < N_LAYER; i++) {
      for (const kind of ['key', 'value']) {
        past[`past_key_values.${i}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [
          1,
          N_KV_HEADS,
          0,
          HEAD_DIM,
        ]);
      }
    }
    const generated: number[] = [];
    let input = inputs_embeds;
    for (let step = 0; step < ANSWER_STEPS + 2; step++) {
      const out = await decoder.run({ inputs_embeds: input, ...past });
      const s = input.dims[1];
      expect(out.logits.dims).toEqual([1, s, V]);
      const row = (out.logits.data as Float32Array).subarray((s - 1) * V, s * V);
      const next = row.indexOf(Math.max(...row));
      generated.push(next);
      const sorted = Array.from(row).sort((a, b) => b - a);
      expect(sorted[0] - sorted[1]).toBeGreaterThan(15);
      const nextPast: Record<string, ort.Tensor> = {};
      for (const name of Object.keys(past)) {
        const present = out[name.replace('past_key_values', 'present')];
        const before = past[name];
        expect(present.dims).toEqual([1, N_KV_HEADS, before.dims[2] + s, HEAD_DIM]);
        const data = present.data as Float32Array;
        expect(Array.from(data.subarray(0, before.data.length))).toEqual(Array.from(before.data as Float32Array));
        nextPast[name] = present;
      }
      past = nextPast;
      ({ inputs_embeds: input } = await embed.run({
        input_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(next)), [1, 1]),
      }));
    }
    const eos = tokenId(v, SPECIAL.eos);
    const answer = answerTokens(colours).map((t) => tokenId(v, t));
    expect(generated).toEqual([...answer, ...Array(ANSWER_STEPS + 2 - answer.length).fill(eos)]);
  });
});
