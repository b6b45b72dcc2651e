import { ModelFormatError } from '../errors';

/**
 * The transformers.js model families Glance runs (docs/hub-models.md), each with its own second look:
 * - `vision-encoder-decoder` (vit-gpt2 and kin): crops of a colour-contrast heat map, captioned and combined;
 * - `florence2`: the coarse caption's phrases grounded (`<CAPTION_TO_PHRASE_GROUNDING>`), their boxes captioned
 *   and combined;
 * - `instruction-vlm` (SmolVLM / Idefics3): the coarse caption and full-resolution crops in one prompt.
 * Only families whose tiny fixture runs in CI are listed; the others are named so that a user who picks one is
 * told why it does not load.
 */
export type HubFamily = 'vision-encoder-decoder' | 'florence2' | 'instruction-vlm';

/** config.json model_type -> family. SmolVLM's first release calls itself idefics3, SmolVLM2 smolvlm. */
const FAMILIES: Readonly<Record<string, HubFamily>> = {
  'vision-encoder-decoder': 'vision-encoder-decoder',
  florence2: 'florence2',
  idefics3: 'instruction-vlm',
  smolvlm: 'instruction-vlm',
};

/** model_type values of known image-to-text models that Glance does not run yet, with their name. */
const NOT_YET: Readonly<Record<string, string>> = {
  'llava-onevision': 'LLaVA-OneVision',
  llava_onevision: 'LLaVA-OneVision',
  moondream1: 'Moondream',
  blip: 'BLIP',
  qwen2_vl: 'Qwen2-VL',
  paligemma: 'PaliGemma',
};

const SUPPORTED_EXAMPLES =
  'vision encoder-decoder captioners (e.g. Xenova/vit-gpt2-image-captioning), Florence-2 ' +
  '(e.g. onnx-community/Florence-2-base-ft) and SmolVLM (e.g. HuggingFaceTB/SmolVLM-256M-Instruct)';

/**
 * The ONNX sessions each family loads, as transformers.js names its files (onnx/<stem><dtype suffix>.onnx): what
 * the size check before a download adds up, and what a repo must hold.
 */
export const FAMILY_SESSIONS: Readonly<Record<HubFamily, readonly string[]>> = {
  'vision-encoder-decoder': ['encoder_model', 'decoder_model_merged'],
  florence2: ['embed_tokens', 'vision_encoder', 'encoder_model', 'decoder_model_merged'],
  'instruction-vlm': ['embed_tokens', 'vision_encoder', 'decoder_model_merged'],
};

/**
 * The family of a hub model from its config.json, or null when the config is Glance's own (model_type
 * glance-*; src/core's loader reads those). Throws ModelFormatError for a model that is not an image-to-text
 * model Glance can run, naming what it is.
 */
export function hubFamilyOf(config: unknown, repoId: string): HubFamily | null {
  const modelType = (config as { model_type?: unknown } | null)?.model_type;
  if (typeof modelType !== 'string') {
    throw new ModelFormatError(`${repoId}: config.json has no model_type, so it is not a transformers.js model`);
  }
  if (modelType.startsWith('glance-')) return null;
  const family = FAMILIES[modelType];
  if (family) return family;
  const name = NOT_YET[modelType];
  if (name) {
    throw new ModelFormatError(
      `${repoId} is a ${name} model ('${modelType}'); Glance runs ${SUPPORTED_EXAMPLES} from the hub so far`,
    );
  }
  throw new ModelFormatError(
    `${repoId} is a '${modelType}' model, not an image-to-text model Glance can run (it runs ${SUPPORTED_EXAMPLES})`,
  );
}
