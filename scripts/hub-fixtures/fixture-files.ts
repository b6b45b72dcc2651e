import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { encodeOnnx } from '../tfjs-onnx/write-onnx';
import { generationConfigJson, modelConfigJson, preprocessorConfigJson } from './configs';
import { decoderModel } from './decoder-graph';
import { FIXTURE_DIR, N_LAYER } from './design';
import { encoderModel } from './encoder-graph';
import { type WeightFormat } from './graph-builder';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './tokenizer';
import { designedWeights } from './weights';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The fixture is committed to git, so every file must stay small; the generator and the tests enforce this cap. */
export const MAX_FIXTURE_FILE_BYTES = 2 * 1024 * 1024;

/**
 * JSON as Prettier prints it with the repo's settings, so `npm run format` leaves a committed fixture (and with it
 * the stale check) alone. `fixtureDir` is the repo's folder relative to the repository root.
 */
export async function fixtureJson(fixtureDir: string, path: string, value: object): Promise<Uint8Array> {
  const options = (await resolveConfig(join(repoRoot, fixtureDir, path))) ?? {};
  const text = await format(JSON.stringify(value), { ...options, parser: 'json' });
  return new TextEncoder().encode(text);
}

/** The file name suffix transformers.js adds for each dtype (its DEFAULT_DTYPE_SUFFIX_MAPPING). */
export const ONNX_SUFFIX: Record<WeightFormat, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

/** Every file of the repo, keyed by its path inside the repo, in a fixed order. Same bytes on every run. */
export async function hubFixtureFiles(): Promise<Map<string, Uint8Array>> {
  const v = buildVocab();
  const weights = designedWeights(v.vocab, N_LAYER);
  const json: [string, object][] = [
    ['config.json', modelConfigJson(v.vocab.size, v.eotId)],
    ['generation_config.json', generationConfigJson(v.eotId)],
    ['preprocessor_config.json', preprocessorConfigJson()],
    ['tokenizer.json', tokenizerJson(v)],
    ['tokenizer_config.json', tokenizerConfigJson(v)],
  ];
  const files = new Map<string, Uint8Array>();
  for (const [path, value] of json) files.set(path, await fixtureJson(FIXTURE_DIR, path, value));
  for (const wf of ['fp32', 'fp16', 'q8'] as const) {
    const suffix = ONNX_SUFFIX[wf];
    files.set(`onnx/encoder_model${suffix}.onnx`, encodeOnnx(encoderModel(weights.patchEmbed, wf)));
    files.set(`onnx/decoder_model_merged${suffix}.onnx`, encodeOnnx(decoderModel(weights, v.vocab.size, wf)));
  }
  for (const [path, bytes] of files) {
    if (bytes.length > MAX_FIXTURE_FILE_BYTES) throw new Error(`${path} is ${bytes.length} bytes`);
  }
  return files;
}
