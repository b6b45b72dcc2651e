import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ElemType } from '../tfjs-onnx/write-onnx';
import { decoderModel } from './decoder-graph';
import { EOT, FIXTURE_DIR, N_LAYER, WORD_TOKENS, expectedCaption } from './design';
import { encoderModel } from './encoder-graph';
import { GraphBuilder } from './graph-builder';
import { MAX_FIXTURE_FILE_BYTES, hubFixtureFiles } from './fixture-files';
import { float16Bits, float16Value, fromFloat16 } from './float16';
import { dequantizeInt8, quantizeInt8 } from './quantize';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './tokenizer';
import { designedWeights } from './weights';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const committedDir = join(repoRoot, FIXTURE_DIR);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe('committed hub fixture', () => {
  let generated: Map<string, Uint8Array>;
  beforeAll(async () => {
    generated = await hubFixtureFiles();
  });

  it('has exactly the files of the vit-gpt2 hub layout', () => {
    expect([...generated.keys()].sort()).toEqual([
      'config.json',
      'generation_config.json',
      'onnx/decoder_model_merged.onnx',
      'onnx/decoder_model_merged_fp16.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
      'onnx/encoder_model.onnx',
      'onnx/encoder_model_fp16.onnx',
      'onnx/encoder_model_quantized.onnx',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    expect(listFiles(committedDir)).toEqual([...generated.keys()].sort());
  });

  it('equals what the generator writes now (run `npm run hub:fixtures` if not)', () => {
    for (const [path, bytes] of generated) {
      const committed = new Uint8Array(readFileSync(join(committedDir, path)));
      expect(Buffer.compare(committed, bytes), `${FIXTURE_DIR}/${path} is stale`).toBe(0);
    }
  });

  it('keeps every file under 2 MB', () => {
    for (const path of listFiles(committedDir)) {
      expect(readFileSync(join(committedDir, path)).length, path).toBeLessThan(MAX_FIXTURE_FILE_BYTES);
    }
  });
});

describe('tokenizer', () => {
  const v = buildVocab();
  const tokenizer = new Tokenizer(tokenizerJson(v), tokenizerConfigJson(v));
  const ids = (tokens: readonly string[]) => tokens.map((t) => v.vocab.get(t));

  it('encodes each caption word to a single token through the merges', () => {
    const { ids: encoded } = tokenizer.encode(expectedCaption('green'));
    expect(encoded).toEqual(ids(['a', 'Ġphoto', 'Ġof', 'Ġsomething', 'Ġgreen', '.']));
  });

  it('decodes the designed chain to the caption, dropping <|endoftext|>', () => {
    const chain = ids([EOT, 'a', 'Ġphoto', 'Ġof', 'Ġsomething', 'Ġred', '.', EOT]) as number[];
    expect(tokenizer.decode(chain, { skip_special_tokens: true })).toBe(expectedCaption('red'));
    expect(tokenizer.decode(chain)).toBe(`${EOT}a photo of something red.${EOT}`);
  });

  it('covers every byte, so any text still encodes', () => {
    expect(v.vocab.size).toBe(256 + v.merges.length + 1);
    expect(tokenizer.decode(tokenizer.encode('Zoë 42!').ids)).toBe('Zoë 42!');
    for (const w of WORD_TOKENS) expect(v.vocab.has(w)).toBe(true);
  });
});

describe('q8 weights', () => {
  const v = buildVocab();
  const w = designedWeights(v.vocab, N_LAYER);

  it('stores every weight of the _quantized graphs as int8 behind DequantizeLinear', () => {
    for (const model of [encoderModel(w.patchEmbed, 'q8'), decoderModel(w, v.vocab.size, 'q8')]) {
      const floats = model.initializers.filter((t) => t.elemType === ElemType.float);
      // Only the per-tensor scales stay float, and they are scalars.
      expect(floats.every((t) => t.dims.length === 0 && t.name.endsWith('_scale'))).toBe(true);
      const int8 = model.initializers.filter((t) => t.elemType === ElemType.int8 && t.dims.length > 0);
      expect(int8.length).toBeGreaterThan(0);
      const dq = model.nodes.filter((n) => n.op === 'DequantizeLinear');
      expect(dq.map((n) => n.inputs[0]).sort()).toEqual(int8.map((t) => t.name).sort());
    }
    const fp32 = decoderModel(w, v.vocab.size, 'fp32');
    expect(fp32.nodes.some((n) => n.op === 'DequantizeLinear')).toBe(false);
    expect(fp32.initializers.some((t) => t.elemType === ElemType.int8)).toBe(false);
  });

  it('round-trips the designed weights closely', () => {
    for (const m of [w.wte, w.lmHead, w.colourHead]) {
      const { data, scale } = quantizeInt8(m);
      const back = dequantizeInt8(data, scale);
      const maxAbs = Math.max(...Array.from(m, Math.abs));
      for (let i = 0; i < m.length; i++) expect(Math.abs(back[i] - m[i])).toBeLessThanOrEqual(maxAbs / 254 + 1e-6);
    }
  });
});

describe('fp16 weights', () => {
  const v = buildVocab();
  const w = designedWeights(v.vocab, N_LAYER);
  const pairs = () => [
    [encoderModel(w.patchEmbed, 'fp32'), encoderModel(w.patchEmbed, 'fp16')],
    [decoderModel(w, v.vocab.size, 'fp32'), decoderModel(w, v.vocab.size, 'fp16')],
  ];

  it('stores every weight of the _fp16 graphs as float16 behind a Cast to float, with the exact fp32 values', () => {
    for (const [fp32, fp16] of pairs()) {
      // Only the structural int64 constants are not halves.
      const others = fp16.initializers.filter((t) => t.elemType !== ElemType.float16);
      expect(others).toEqual(fp32.initializers.filter((t) => t.elemType !== ElemType.float));
      expect(others.every((t) => t.elemType === ElemType.int64)).toBe(true);
      const halves = fp16.initializers.filter((t) => t.elemType === ElemType.float16);
      expect(halves.length).toBe(fp32.initializers.length - others.length);
      for (const half of halves) {
        const name = half.name.replace(/_fp16$/, '');
        const cast = fp16.nodes.filter((n) => n.inputs.includes(half.name));
        expect(cast, half.name).toEqual([expect.objectContaining({ op: 'Cast', outputs: [name], attrs: { to: 1 } })]);
        const original = fp32.initializers.find((t) => t.name === name);
        expect(half.dims).toEqual(original?.dims);
        expect(Array.from(fromFloat16(half.data as Uint16Array))).toEqual(Array.from(original?.data as Float32Array));
      }
    }
  });

  it('keeps the graph inputs and outputs of the fp32 files (float pixel_values, cache and logits)', () => {
    for (const [fp32, fp16] of pairs()) {
      expect(fp16.inputs).toEqual(fp32.inputs);
      expect(fp16.outputs).toEqual(fp32.outputs);
      // The Casts are extra nodes; every other node is the fp32 graph's, in order.
      const strip = (nodes: typeof fp16.nodes) =>
        nodes.filter((n) => n.op !== 'Cast').map(({ op, inputs, outputs }) => ({ op, inputs, outputs }));
      expect(strip(fp16.nodes)).toEqual(strip(fp32.nodes));
    }
  });

  it('refuses a weight that half precision would change', () => {
    expect(() => new GraphBuilder('fp16').weight('w', [2], Float32Array.of(1, 0.1))).toThrow(/w\[1\].*not exact/);
    expect(new GraphBuilder('fp16').weight('w', [2], Float32Array.of(-20, 0.5))).toBe('w');
  });

  it('converts floats to IEEE half bits, round to nearest even', () => {
    expect([1, -2, 0.1, 65504, 65520, 2 ** -24, 2 ** -25, 1e-8, -0].map(float16Bits)).toEqual([
      0x3c00, 0xc000, 0x2e66, 0x7bff, 0x7c00, 0x0001, 0x0000, 0x0000, 0x8000,
    ]);
    // Ties go to the even neighbour: 1 + 2^-11 is halfway between 1 and 1 + 2^-10.
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float16Bits(3 * 2 ** -25)).toBe(0x0002);
    // Every finite half (and the infinities) survives the round trip bit for bit.
    const changed: string[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      const nan = (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
      if (!nan && float16Bits(float16Value(bits)) !== bits) changed.push(bits.toString(16));
    }
    expect(changed).toEqual([]);
  });
});
