import { encodeOnnx, type OnnxModel } from '../../tfjs-onnx/write-onnx';
import { fixtureJson, MAX_FIXTURE_FILE_BYTES, ONNX_SUFFIX } from '../fixture-files';
import { type WeightFormat } from '../graph-builder';
import { generationConfigJson, modelConfigJson, preprocessorConfigJson } from './configs';
import { FIXTURE_DIR } from './design';
import { decoderModel, embedTokensModel, encoderModel, visionEncoderModel } from './graphs';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './tokenizer';

/** The four sessions transformers.js opens for Florence2ForConditionalGeneration, by file name. */
export const SESSIONS = ['embed_tokens', 'vision_encoder', 'encoder_model', 'decoder_model_merged'] as const;

export function florence2Models(wf: WeightFormat): Record<(typeof SESSIONS)[number], OnnxModel> {
  const v = buildVocab();
  return {
    embed_tokens: embedTokensModel(v, wf),
    vision_encoder: visionEncoderModel(wf),
    encoder_model: encoderModel(wf),
    decoder_model_merged: decoderModel(v, wf),
  };
}

/** Every file of glance-test/florence2-tiny, keyed by its path inside the repo, in a fixed order; same bytes every run. */
export async function florence2FixtureFiles(): Promise<Map<string, Uint8Array>> {
  const v = buildVocab();
  const json: [string, object][] = [
    ['config.json', modelConfigJson(v.size)],
    ['generation_config.json', generationConfigJson()],
    ['preprocessor_config.json', preprocessorConfigJson()],
    ['tokenizer.json', tokenizerJson(v)],
    ['tokenizer_config.json', tokenizerConfigJson(v)],
  ];
  const files = new Map<string, Uint8Array>();
  for (const [path, value] of json) files.set(path, await fixtureJson(FIXTURE_DIR, path, value));
  for (const wf of ['fp32', 'fp16', 'q8'] as const) {
    const models = florence2Models(wf);
    for (const name of SESSIONS) files.set(`onnx/${name}${ONNX_SUFFIX[wf]}.onnx`, encodeOnnx(models[name]));
  }
  for (const [path, bytes] of files) {
    if (bytes.length > MAX_FIXTURE_FILE_BYTES) throw new Error(`${path} is ${bytes.length} bytes`);
  }
  return files;
}
