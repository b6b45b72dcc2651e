import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ElemType } from '../tfjs-onnx/write-onnx';
import { decoderModel } from './decoder-graph';
import { EOT, FIXTURE_DIR, N_LAYER, WORD_TOKENS, expectedCaption } from './design';
import { encoderModel } from './encoder-graph';
import { MAX_FIXTURE_FILE_BYTES, hubFixtureFiles } from './fixture-files';
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
      'onnx/decoder_model_merged_quantized.onnx',
      'onnx/encoder_model.onnx',
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
