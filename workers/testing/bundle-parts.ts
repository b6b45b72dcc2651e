import { ModelLoadError } from '../runtime/errors';

/** The ONNX parts of a 'glance-mmser' bundle (docs/model-format.md), in the order they are loaded. */
export const CAPTIONER_PARTS = ['vision_encoder', 'embed_tokens', 'connector', 'decoder_model_merged'] as const;

/** Which parts a bundle has and what it is, read from its config.json. */
export interface BundleLayout {
  modelType: string;
  parts: string[];
}

/**
 * A 'glance-mmser' bundle has the fixed parts of the format; any other bundle (the parts fixture,
 * public/models/fixture) lists its parts in `parts`. Deeper validation of a captioner's config is src/core's job.
 */
export function bundleLayout(config: unknown): BundleLayout {
  if (typeof config !== 'object' || config === null) throw new ModelLoadError('config.json must hold an object');
  const { model_type: modelType, parts } = config as { model_type?: unknown; parts?: unknown };
  if (typeof modelType !== 'string') throw new ModelLoadError('config.json: model_type must be a string');
  if (modelType === 'glance-mmser') return { modelType, parts: [...CAPTIONER_PARTS] };
  const valid =
    Array.isArray(parts) && parts.length > 0 && parts.every((p) => typeof p === 'string' && /^\w+$/.test(p));
  if (!valid) throw new ModelLoadError(`config.json: a '${modelType}' bundle must list its parts as word names`);
  return { modelType, parts: parts as string[] };
}

/** A part's file inside the bundle. */
export function partFile(part: string): string {
  return `onnx/${part}.onnx`;
}
