import { ModelFormatError } from '../errors';

/**
 * The transformers.js model families Glance runs (docs/hub-models.md). Only families whose tiny fixture runs in
 * CI are listed as supported; the others are named so that a user who picks one is told why it does not load.
 */
export type HubFamily = 'vision-encoder-decoder';

/** model_type values of families that are known image-to-text models but not supported yet, with their name. */
const NOT_YET: Readonly<Record<string, string>> = {
  florence2: 'Florence-2',
  idefics3: 'SmolVLM (Idefics3)',
  smolvlm: 'SmolVLM',
  'llava-onevision': 'LLaVA-OneVision',
  moondream1: 'Moondream',
  blip: 'BLIP',
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
  if (modelType === 'vision-encoder-decoder') return 'vision-encoder-decoder';
  const name = NOT_YET[modelType];
  if (name) {
    throw new ModelFormatError(
      `${repoId} is a ${name} model ('${modelType}'); Glance runs only the vision encoder-decoder family ` +
        `(e.g. Xenova/vit-gpt2-image-captioning) from the hub so far`,
    );
  }
  throw new ModelFormatError(
    `${repoId} is a '${modelType}' model, not an image-to-text model Glance can run ` +
      `(expected model_type 'vision-encoder-decoder', e.g. Xenova/vit-gpt2-image-captioning)`,
  );
}
