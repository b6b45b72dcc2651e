import { encodeOnnx } from '../../tfjs-onnx/write-onnx';
import { fixtureJson, MAX_FIXTURE_FILE_BYTES, ONNX_SUFFIX } from '../fixture-files';
import { generationConfigJson, modelConfigJson, preprocessorConfigJson, processorConfigJson } from './configs';
import { FIXTURE_DIR } from './design';
import { decoderModel, embedTokensModel, visionEncoderModel } from './graphs';
import { buildSmolVocab, tokenizerConfigJson, tokenizerJson } from './tokenizer';
import { designedWeights } from './weights';

/** The ONNX sessions transformers.js loads for an Idefics3/SmolVLM model, by file stem. */
export const SESSION_FILES = ['embed_tokens', 'vision_encoder', 'decoder_model_merged'] as const;

/** Every file of glance-test/smolvlm-tiny, keyed by its path inside the repo, in a fixed order. Same bytes each run. */
export async function smolvlmFixtureFiles(): Promise<Map<string, Uint8Array>> {
  const v = buildSmolVocab();
  const w = designedWeights(v);
  const V = v.vocab.size;
  const json: [string, object][] = [
    ['config.json', modelConfigJson(v)],
    ['generation_config.json', generationConfigJson(v)],
    ['preprocessor_config.json', preprocessorConfigJson()],
    ['processor_config.json', processorConfigJson()],
    ['tokenizer.json', tokenizerJson(v)],
    ['tokenizer_config.json', tokenizerConfigJson(v)],
  ];
  const files = new Map<string, Uint8Array>();
  for (const [path, value] of json) files.set(path, await fixtureJson(FIXTURE_DIR, path, value));
  for (const wf of ['fp32', 'fp16', 'q8'] as const) {
    const suffix = ONNX_SUFFIX[wf];
    files.set(`onnx/embed_tokens${suffix}.onnx`, encodeOnnx(embedTokensModel(w, V, wf)));
    files.set(`onnx/vision_encoder${suffix}.onnx`, encodeOnnx(visionEncoderModel(w, wf)));
    files.set(`onnx/decoder_model_merged${suffix}.onnx`, encodeOnnx(decoderModel(w, V, wf)));
  }
  for (const [path, bytes] of files) {
    if (bytes.length > MAX_FIXTURE_FILE_BYTES) throw new Error(`${path} is ${bytes.length} bytes`);
  }
  return files;
}
