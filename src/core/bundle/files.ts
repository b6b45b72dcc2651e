/** The ONNX parts of a bundle, by the base name the InferenceBackend knows them by. */
export const PART_NAMES = ['vision_encoder', 'embed_tokens', 'connector', 'decoder_model_merged'] as const;

/** One ONNX part of the bundle. */
export type PartName = (typeof PART_NAMES)[number];

/** Path of a part inside the bundle folder. */
export function partPath(part: PartName): string {
  return `onnx/${part}.onnx`;
}

export const CONFIG_FILE = 'config.json';
export const TOKENIZER_FILE = 'tokenizer.json';

/** Every file the app needs, in download order (config first: it is validated before the big files start). */
export const REQUIRED_FILES: readonly string[] = [CONFIG_FILE, TOKENIZER_FILE, ...PART_NAMES.map(partPath)];
