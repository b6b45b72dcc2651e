/**
 * The public surface of src/core for the worker, the Node runner, eval and bench. Framework-free: no DOM, no
 * React, no onnxruntime. See README.md for who calls what and the tensor ownership rule.
 */
export type { DType, InferenceBackend, TensorRef } from './backend';
export * from './errors';

export type { CaptionStyle, FitMode, GlanceConfig, ImageConfig, TokenIds } from './bundle/config';
export { imageTokenCount } from './bundle/config';
export { validateConfig } from './bundle/validate-config';
export { type BundleLocation, type ResolveOptions, bundleFileUrl, resolveBundleUrl } from './bundle/resolve-url';
export {
  type BundleCache,
  type BundleFiles,
  type FetchLike,
  type LoadBundleOptions,
  type LoadProgress,
  loadBundleFiles,
} from './bundle/loader';
export { CONFIG_FILE, PART_NAMES, type PartName, REQUIRED_FILES, TOKENIZER_FILE, partPath } from './bundle/files';
export { type PartSignature, checkSignatures, expectedSignatures, kvNames } from './bundle/signatures';

export { type CaptionTokenizer, createTokenizer } from './text/tokenizer';
export { joinTokens, tokenDelta } from './text/detokenize';

export { type FitGeometry, type Rect, fitGeometry, frameToSquare, squareToFrame } from './image/fit';
export { type PixelBuffer, boxDownsample, cropChw, normalizeToChw } from './image/pixels';

export type * from './caption-types';
export { type Captioner, type CaptionerBundle, createCaptioner, warmUp } from './captioner';
export { accumulateSaliency } from './saliency';
export { type Region, type RegionOptions, selectRegions } from './regions';

export { type CancelCheck, throwIfCancelled } from './decode/cancel';
export { type DecoderSpec, decoderSpec } from './decode/decoder-spec';
export { type GenerateRunOptions, generate } from './decode/generate';
export { KvCache } from './decode/kv-cache';
export type { DecodeContext } from './decode/runner';
export type { Generation, GenerateHooks, GenerateOptions, StopReason } from './decode/types';
