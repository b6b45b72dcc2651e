import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ElemType } from '../../tfjs-onnx/write-onnx';
import { COLOURS } from '../design';
import { MAX_FIXTURE_FILE_BYTES } from '../fixture-files';
import {
  BOS,
  EOS,
  FIXTURE_DIR,
  LOC_BINS,
  TASK_PROMPTS_WITHOUT_INPUTS,
  TASK_PROMPTS_WITH_INPUT,
  expectedCaption,
  namedColours,
} from './design';
import { SESSIONS, florence2FixtureFiles, florence2Models } from './florence2-files';
import { ANSWER_WORDS, buildVocab, tokenId, tokenizerConfigJson, tokenizerJson } from './tokenizer';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const committedDir = join(repoRoot, FIXTURE_DIR);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe('committed florence2-tiny fixture', () => {
  let generated: Map<string, Uint8Array>;
  beforeAll(async () => {
    generated = await florence2FixtureFiles();
  });

  it('has exactly the files of the Florence-2 hub layout', () => {
    const onnx = ['', '_fp16', '_quantized'].flatMap((suffix) => SESSIONS.map((s) => `onnx/${s}${suffix}.onnx`));
    const json = ['config.json', 'generation_config.json', 'preprocessor_config.json'];
    expect([...generated.keys()].sort()).toEqual([...json, 'tokenizer.json', 'tokenizer_config.json', ...onnx].sort());
    expect(listFiles(committedDir)).toEqual([...generated.keys()].sort());
  });

  it('equals what the generator writes now (run `npm run hub:fixtures` if not)', async () => {
    for (const [path, bytes] of generated) {
      const committed = new Uint8Array(readFileSync(join(committedDir, path)));
      expect(Buffer.compare(committed, bytes), `${FIXTURE_DIR}/${path} is stale`).toBe(0);
    }
    // And the generator is deterministic.
    const again = await florence2FixtureFiles();
    for (const [path, bytes] of generated) expect(Buffer.compare(again.get(path) as Uint8Array, bytes), path).toBe(0);
  });

  it('keeps every file under 2 MB and the whole repo small', () => {
    let total = 0;
    for (const path of listFiles(committedDir)) {
      const size = readFileSync(join(committedDir, path)).length;
      expect(size, path).toBeLessThan(MAX_FIXTURE_FILE_BYTES);
      total += size;
    }
    expect(total).toBeLessThan(1024 * 1024);
  });
});

describe('florence2 tokenizer', () => {
  const v = buildVocab();
  const tokenizer = new Tokenizer(tokenizerJson(v), tokenizerConfigJson(v));
  const tokens = (text: string) => tokenizer.encode(text).ids.map((id) => tokenizer.id_to_token(id));

  it('has the BART specials first and <loc_0>..<loc_999> last', () => {
    expect([BOS, '<pad>', EOS, '<unk>'].map((t) => tokenId(v, t))).toEqual([0, 1, 2, 3]);
    expect(tokenizer.token_to_id('<loc_0>')).toBe(v.locBase);
    expect(tokenizer.token_to_id('<loc_999>')).toBe(v.size - 1);
    expect(v.size).toBe(v.locBase + LOC_BINS);
  });

  it('encodes the caption and every task prompt to whole words between <s> and </s>, never <unk>', () => {
    expect(tokens(expectedCaption(['red', 'green', 'blue']))).toEqual([
      BOS,
      'a',
      ...['Ġphoto', 'Ġof', 'Ġsomething', 'Ġred', 'Ġand', 'Ġsomething', 'Ġgreen', 'Ġand', 'Ġsomething', 'Ġblue'],
      '.',
      EOS,
    ]);
    for (const w of ANSWER_WORDS) expect(v.vocab.has(w)).toBe(true);
    expect(tokens('Locate the phrases in the caption: a Red ball')).toEqual([
      ...[BOS, 'Locate', 'Ġthe', 'Ġphrases', 'Ġin', 'Ġthe', 'Ġcaption', ':', 'Ġa', 'ĠRed'],
      ...['Ġb', 'a', 'l', 'l', EOS],
    ]);
    const prompts = [...Object.values(TASK_PROMPTS_WITHOUT_INPUTS), ...Object.values(TASK_PROMPTS_WITH_INPUT)];
    for (const p of prompts) expect(tokens(p), p).not.toContain('<unk>');
    expect(tokenizer.decode(tokenizer.encode('Zoë 42! <loc_7>').ids, { skip_special_tokens: false })).toBe(
      `${BOS}Zoë 42! <loc_7>${EOS}`,
    );
  });

  it('names a colour exactly when its flagged token appears', () => {
    for (const text of ['red', 'a Blue car', 'reddish', 'green.', '(green)', 'x\tred', 'GREEN', 'bluered', 'b red']) {
      const prompt = tokens(`Locate the phrases in the caption: ${text}`);
      const flagged = COLOURS.filter(
        (c) => prompt.includes(`Ġ${c}`) || prompt.includes(`Ġ${c[0].toUpperCase()}${c.slice(1)}`),
      );
      expect(flagged, text).toEqual(namedColours(text));
    }
  });
});

describe('florence2 weights', () => {
  it('stores every weight of the _quantized graphs as int8 behind DequantizeLinear', () => {
    for (const [name, model] of Object.entries(florence2Models('q8'))) {
      const floats = model.initializers.filter((t) => t.elemType === ElemType.float);
      expect(
        floats.every((t) => t.dims.length === 0 && t.name.endsWith('_scale')),
        name,
      ).toBe(true);
      const int8 = model.initializers.filter((t) => t.elemType === ElemType.int8 && t.dims.length > 0);
      expect(int8.length, name).toBeGreaterThan(0);
      const dq = model.nodes.filter((n) => n.op === 'DequantizeLinear');
      expect(dq.map((n) => n.inputs[0]).sort()).toEqual(int8.map((t) => t.name).sort());
    }
  });

  it('stores every weight of the _fp16 graphs as float16 and keeps the float32 inputs and outputs', () => {
    const fp32 = florence2Models('fp32');
    for (const [name, model] of Object.entries(florence2Models('fp16'))) {
      expect(
        model.initializers.some((t) => t.elemType === ElemType.float),
        name,
      ).toBe(false);
      expect(
        model.initializers.some((t) => t.elemType === ElemType.float16),
        name,
      ).toBe(true);
      const same = fp32[name as keyof typeof fp32];
      expect(model.inputs).toEqual(same.inputs);
      expect(model.outputs).toEqual(same.outputs);
    }
  });
});
