import type { CaptionStyle, FitMode, GlanceConfig, TokenIds } from './config';
import { JsonReader } from './json-reader';

const FILE = 'config.json';
const FIT_MODES: readonly FitMode[] = ['center-crop', 'letterbox'];
const TOKEN_NAMES: readonly (keyof TokenIds)[] = ['pad', 'bos', 'eos', 'unk', 'short', 'detailed', 'refine'];
const STYLES: readonly CaptionStyle[] = ['short', 'detailed'];

/**
 * Checks a parsed config.json against docs/model-format.md and returns it typed. Throws ModelFormatError naming
 * the file and the field: missing, wrong type, out of range, or inconsistent with another field.
 */
export function validateConfig(json: unknown): GlanceConfig {
  const r = new JsonReader(FILE, json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) r.fail('', 'must hold a JSON object');

  if (r.string('model_type') !== 'glance-mmser') r.fail('model_type', `must be "glance-mmser"`);
  const version = r.integer('format_version');
  if (version !== 1) r.fail('format_version', `is ${version}; this app reads version 1`);

  const image = readImage(r);
  const vision = {
    patch_size: r.integer('vision.patch_size', 1),
    grid: r.integer('vision.grid', 1),
    hidden_size: r.integer('vision.hidden_size', 1),
    num_layers: r.integer('vision.num_layers', 1),
    feature_layers: r.integerArray('vision.feature_layers'),
    region_feature_size: r.integer('vision.region_feature_size', 1),
  };
  if (vision.feature_layers.length === 0) r.fail('vision.feature_layers', 'must not be empty');
  for (const layer of vision.feature_layers) {
    if (layer > vision.num_layers) r.fail('vision.feature_layers', `has layer ${layer} > vision.num_layers`);
  }
  if (vision.patch_size * vision.grid !== image.global_size) {
    r.fail(
      'vision.grid',
      `* vision.patch_size (${vision.grid} * ${vision.patch_size}) != image.global_size (${image.global_size})`,
    );
  }
  const expectedF = vision.feature_layers.length * vision.hidden_size;
  if (vision.region_feature_size !== expectedF) {
    r.fail(
      'vision.region_feature_size',
      `is ${vision.region_feature_size}, but feature_layers.length * hidden_size = ${expectedF}`,
    );
  }

  const decoder = {
    hidden_size: r.integer('decoder.hidden_size', 1),
    num_layers: r.integer('decoder.num_layers', 1),
    num_heads: r.integer('decoder.num_heads', 1),
    head_dim: r.integer('decoder.head_dim', 1),
    vocab_size: r.integer('decoder.vocab_size', 1),
    max_positions: r.integer('decoder.max_positions', 1),
  };
  if (decoder.head_dim * decoder.num_heads !== decoder.hidden_size) {
    r.fail(
      'decoder.head_dim',
      `* num_heads (${decoder.head_dim} * ${decoder.num_heads}) != hidden_size (${decoder.hidden_size})`,
    );
  }
  const T = vision.grid * vision.grid;
  if (decoder.max_positions <= T + 1) {
    r.fail('decoder.max_positions', `(${decoder.max_positions}) leaves no room after the ${T} image tokens`);
  }
  const V = decoder.vocab_size;

  const regions = {
    k: r.integer('regions.k', 1),
    window: r.integer('regions.window', 1),
    nms_radius: r.integer('regions.nms_radius', 0),
    tokens_per_region: r.integer('regions.tokens_per_region', 1),
  };
  if (regions.window !== image.global_size) {
    r.fail(
      'regions.window',
      `(${regions.window}) must equal image.global_size (${image.global_size}): crops share the encoder`,
    );
  }

  const saliency = {
    layer: r.integer('saliency.layer', 0),
    heads: r.integerArray('saliency.heads'),
    content_token_ids: r.integerArray('saliency.content_token_ids'),
  };
  if (saliency.layer >= decoder.num_layers) {
    r.fail('saliency.layer', `(${saliency.layer}) must be < decoder.num_layers (${decoder.num_layers})`);
  }
  if (saliency.heads.length === 0) r.fail('saliency.heads', 'must not be empty');
  for (const head of saliency.heads) {
    if (head >= decoder.num_heads) r.fail('saliency.heads', `has head ${head} >= decoder.num_heads`);
  }
  for (const id of saliency.content_token_ids) {
    if (id >= V) r.fail('saliency.content_token_ids', `has id ${id} >= decoder.vocab_size (${V})`);
  }

  const tokens = {} as TokenIds;
  for (const name of TOKEN_NAMES) {
    tokens[name] = r.integer(`tokens.${name}`);
    if (tokens[name] >= V) r.fail(`tokens.${name}`, `(${tokens[name]}) must be < decoder.vocab_size (${V})`);
  }

  const maxNew = {} as Record<CaptionStyle, number>;
  for (const style of STYLES) maxNew[style] = r.integer(`generation.max_new_tokens.${style}`, 1);

  const config: GlanceConfig = {
    model_type: 'glance-mmser',
    format_version: 1,
    image,
    vision,
    decoder,
    regions,
    saliency,
    tokens,
    generation: { max_new_tokens: maxNew },
  };
  if (r.has('look')) {
    const min = r.number('look.min_token_probability');
    if (!(min > 0 && min <= 1)) r.fail('look.min_token_probability', `is ${min}; must be in (0, 1]`);
    const tokens = r.string('look.tokens');
    if (tokens !== 'attributes' && tokens !== 'all') {
      r.fail('look.tokens', `is "${tokens}"; must be "attributes" or "all"`);
    }
    config.look = { min_token_probability: min, tokens: tokens as 'attributes' | 'all' };
  }
  if (r.has('training')) config.training = r.get('training');
  return config;
}

function readImage(r: JsonReader): GlanceConfig['image'] {
  const size = r.integer('image.size', 1);
  const globalSize = r.integer('image.global_size', 1);
  if (globalSize > size || size % globalSize !== 0) {
    r.fail('image.size', `(${size}) must be a multiple of image.global_size (${globalSize})`);
  }
  const fit = r.string('image.fit') as FitMode;
  if (!FIT_MODES.includes(fit)) r.fail('image.fit', `must be one of ${FIT_MODES.join(', ')}, got "${fit}"`);
  const fill = r.get('image.letterbox_value');
  const letterbox = (typeof fill === 'number' ? [fill, fill, fill] : r.numberArray('image.letterbox_value', 3)) as [
    number,
    number,
    number,
  ];
  if (letterbox.some((v) => !(v >= 0 && v <= 255))) r.fail('image.letterbox_value', 'must be within 0..255');
  const mean = r.numberArray('image.mean', 3) as [number, number, number];
  const std = r.numberArray('image.std', 3) as [number, number, number];
  if (std.some((v) => v <= 0)) r.fail('image.std', 'must be > 0');
  return { size, global_size: globalSize, fit, letterbox_value: letterbox, mean, std };
}
