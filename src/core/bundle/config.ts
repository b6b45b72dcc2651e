/**
 * Types of a bundle's config.json (docs/model-format.md, format version 1). Keys keep the file's snake_case so
 * that the TypeScript and the Python side read the same names.
 */

/** How a non-square frame becomes the model square. */
export type FitMode = 'center-crop' | 'letterbox';

/** Which caption the task token asks for. */
export type CaptionStyle = 'short' | 'detailed';

/** `image`: the model square, the global view and the normalisation. */
export interface ImageConfig {
  /** Side of the model square, px. */
  size: number;
  /** Side of the global view, px; `size / global_size` is an integer. */
  global_size: number;
  fit: FitMode;
  /** RGB fill of letterbox bars, 0..255 (a single number in the file means grey [v, v, v]). */
  letterbox_value: [number, number, number];
  mean: [number, number, number];
  std: [number, number, number];
}

/** `vision`: the image encoder. */
export interface VisionConfig {
  patch_size: number;
  /** Image tokens per side; T = grid * grid. */
  grid: number;
  hidden_size: number;
  num_layers: number;
  feature_layers: number[];
  /** F = feature_layers.length * hidden_size. */
  region_feature_size: number;
}

/** `decoder`: the language decoder. */
export interface DecoderConfig {
  hidden_size: number;
  num_layers: number;
  num_heads: number;
  head_dim: number;
  vocab_size: number;
  /** Longest sequence (image tokens + region tokens + prompt + caption) the decoder accepts. */
  max_positions: number;
}

/** `regions`: how many regions to look at again and how. */
export interface RegionsConfig {
  k: number;
  /** Side of a region crop, px of the model square; equals image.global_size. */
  window: number;
  /** Cells within this Chebyshev distance of a chosen cell are suppressed. */
  nms_radius: number;
  /** Region tokens the connector emits per region (R). */
  tokens_per_region: number;
}

/** `saliency`: which attention becomes the heat map. */
export interface SaliencyConfig {
  layer: number;
  heads: number[];
  content_token_ids: number[];
}

/** `tokens`: ids of the special tokens. */
export interface TokenIds {
  pad: number;
  bos: number;
  eos: number;
  unk: number;
  short: number;
  detailed: number;
  refine: number;
}

/** The whole validated config.json. */
export interface GlanceConfig {
  model_type: 'glance-mmser';
  format_version: 1;
  image: ImageConfig;
  vision: VisionConfig;
  decoder: DecoderConfig;
  regions: RegionsConfig;
  saliency: SaliencyConfig;
  tokens: TokenIds;
  generation: { max_new_tokens: Record<CaptionStyle, number> };
  /**
   * The bundle's second-look policy for live-stream frames (src/core/look-policy.ts): look again only when some
   * deciding token of pass 1 is less likely than `min_token_probability`. Absent: always look. Still images always
   * look; a caller's `look` option wins over both.
   */
  look?: { min_token_probability: number; tokens: 'attributes' | 'all' };
  /** Free-form, informational. */
  training?: unknown;
}

/** Image tokens of the global view (T = G * G). */
export function imageTokenCount(config: GlanceConfig): number {
  return config.vision.grid * config.vision.grid;
}
