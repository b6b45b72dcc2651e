import type { GlanceConfig } from '../bundle/config';
import { validateConfig } from '../bundle/validate-config';
import { FakeBackend, type FakeOutput, type FakePart, type FakeTensor } from './fake-backend';

/**
 * A toy bundle behind a FakeBackend that follows docs/model-format.md shape for shape, with a language model
 * the test writes as a function of the sequence. Every decoder position carries a "symbol" in element 0 of its
 * embedding (and of its cached key), so the fake decoder can see the whole sequence from past + new inputs:
 * token id i -> i, image token t -> IMAGE_SYMBOL + t, region token r -> REGION_SYMBOL + r.
 */
export const IMAGE_SYMBOL = 100;
export const REGION_SYMBOL = 200;

export const TOY_TOKENS = { pad: 0, bos: 1, eos: 2, unk: 3, short: 4, detailed: 5, refine: 6 };

/** Next-token scores after a sequence of symbols (length V). */
export type ToyLanguageModel = (symbols: readonly number[]) => ArrayLike<number>;
/** Attention weights of the last symbol over all symbols (length = symbols.length); default uniform. */
export type ToyAttention = (symbols: readonly number[]) => ArrayLike<number>;

export function toyConfig(overrides: { vocabSize?: number; k?: number; maxPositions?: number } = {}): GlanceConfig {
  return validateConfig({
    model_type: 'glance-mmser',
    format_version: 1,
    image: {
      size: 16,
      global_size: 8,
      fit: 'center-crop',
      letterbox_value: 0,
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
    },
    vision: { patch_size: 2, grid: 4, hidden_size: 2, num_layers: 2, feature_layers: [1, 2], region_feature_size: 4 },
    decoder: {
      hidden_size: 4,
      num_layers: 2,
      num_heads: 2,
      head_dim: 2,
      vocab_size: overrides.vocabSize ?? 12,
      max_positions: overrides.maxPositions ?? 64,
    },
    regions: { k: overrides.k ?? 2, window: 8, nms_radius: 1, tokens_per_region: 1 },
    saliency: { layer: 1, heads: [0], content_token_ids: [7, 8, 9] },
    tokens: TOY_TOKENS,
    generation: { max_new_tokens: { short: 6, detailed: 10 } },
  });
}

/** One-hot-ish logits: `token` scores 10, everything else 0. */
export function oneHot(vocabSize: number, token: number): Float32Array {
  const logits = new Float32Array(vocabSize);
  logits[token] = 10;
  return logits;
}

/** Logits whose softmax is exactly `probs` (given as token -> probability; the rest share what is left). */
export function fromProbabilities(vocabSize: number, probs: Record<number, number>): Float32Array {
  const given = Object.values(probs).reduce((a, b) => a + b, 0);
  const others = vocabSize - Object.keys(probs).length;
  const rest = others > 0 ? Math.max(1 - given, 1e-12) / others : 0;
  return Float32Array.from({ length: vocabSize }, (_, i) => Math.log(probs[i] ?? rest));
}

export function toyBackend(config: GlanceConfig, lm: ToyLanguageModel, attention?: ToyAttention): FakeBackend {
  const D = config.decoder.hidden_size;
  const H = config.decoder.num_heads;
  const hd = config.decoder.head_dim;
  const V = config.decoder.vocab_size;
  const T = config.vision.grid * config.vision.grid;
  const F = config.vision.region_feature_size;
  const layers = config.decoder.num_layers;
  const R = config.regions.tokens_per_region;
  const f32 = (data: Float32Array, dims: number[]): FakeOutput => ({ type: 'float32', data, dims });

  const vision: FakePart = {
    inputs: ['pixel_values'],
    outputs: ['image_embeds', 'region_features'],
    run({ pixel_values }) {
      const [N, , S] = pixel_values.dims;
      const pixels = pixel_values.data as Float32Array;
      const embeds = new Float32Array(N * T * D);
      const features = new Float32Array(N * T * F);
      for (let n = 0; n < N; n++) {
        const mean = pixels.slice(n * 3 * S * S, (n + 1) * 3 * S * S).reduce((a, b) => a + b, 0) / (3 * S * S);
        for (let t = 0; t < T; t++) {
          embeds[(n * T + t) * D] = IMAGE_SYMBOL + t;
          embeds[(n * T + t) * D + 1] = mean;
          features[(n * T + t) * F] = mean;
        }
      }
      return { image_embeds: f32(embeds, [N, T, D]), region_features: f32(features, [N, T, F]) };
    },
  };

  const embed: FakePart = {
    inputs: ['input_ids'],
    outputs: ['inputs_embeds'],
    run({ input_ids }) {
      const ids = input_ids.data as BigInt64Array;
      const out = new Float32Array(ids.length * D);
      ids.forEach((id, i) => (out[i * D] = Number(id)));
      return { inputs_embeds: f32(out, [...input_ids.dims, D]) };
    },
  };

  const connector: FakePart = {
    inputs: ['region_features', 'region_boxes', 'caption_embeds'],
    outputs: ['region_embeds'],
    run({ region_features, region_boxes }) {
      const k = region_features.dims[1];
      if (region_boxes.dims[1] !== k) throw new Error('connector: boxes and features disagree on k');
      const boxes = region_boxes.data as Float32Array;
      const out = new Float32Array(k * R * D);
      for (let j = 0; j < k * R; j++) {
        out[j * D] = REGION_SYMBOL + j;
        out[j * D + 1] = boxes[Math.floor(j / R) * 4];
      }
      return { region_embeds: f32(out, [1, k * R, D]) };
    },
  };

  const pastNames = Array.from({ length: layers }, (_, i) => [
    `past_key_values.${i}.key`,
    `past_key_values.${i}.value`,
  ]).flat();
  const presentNames = Array.from({ length: layers }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
  const decoder: FakePart = {
    inputs: ['inputs_embeds', 'attention_mask', ...pastNames],
    outputs: ['logits', ...presentNames, 'saliency'],
    run(feeds) {
      const embeds = feeds.inputs_embeds;
      const [B, q] = embeds.dims;
      const past = feeds['past_key_values.0.key'];
      const p = past.dims[2];
      if (B !== 1) throw new Error('toy decoder: batch 1 only');
      if (feeds.attention_mask.dims[1] !== p + q)
        throw new Error(`toy decoder: mask ${feeds.attention_mask.dims} for p=${p} q=${q}`);
      for (const name of pastNames) checkDims(feeds[name], [1, H, p, hd], name);
      const symbols = [...keySymbols(past, p, hd), ...embedSymbols(embeds, q, D)];
      if (symbols.length > config.decoder.max_positions) throw new Error('toy decoder: past max_positions');

      const logits = new Float32Array(q * V);
      const saliency = new Float32Array(q * (p + q));
      for (let j = 0; j < q; j++) {
        const seen = symbols.slice(0, p + j + 1);
        logits.set(lm(seen), j * V);
        const weights = attention ? Array.from(attention(seen)) : seen.map(() => 1);
        const total = weights.reduce((a, b) => a + b, 0);
        weights.forEach((w, i) => (saliency[j * (p + q) + i] = w / total));
      }
      const outputs: Record<string, FakeOutput> = {
        logits: f32(logits, [1, q, V]),
        saliency: f32(saliency, [1, q, p + q]),
      };
      const present = new Float32Array(H * (p + q) * hd);
      for (let h = 0; h < H; h++) symbols.forEach((s, i) => (present[(h * (p + q) + i) * hd] = s));
      for (const name of presentNames) outputs[name] = f32(present.slice(), [1, H, p + q, hd]);
      return outputs;
    },
  };

  return new FakeBackend({ vision_encoder: vision, embed_tokens: embed, connector, decoder_model_merged: decoder });
}

function keySymbols(past: FakeTensor, p: number, hd: number): number[] {
  const data = past.data as Float32Array;
  return Array.from({ length: p }, (_, i) => data[i * hd]); // head 0
}

function embedSymbols(embeds: FakeTensor, q: number, D: number): number[] {
  const data = embeds.data as Float32Array;
  return Array.from({ length: q }, (_, j) => data[j * D]);
}

function checkDims(tensor: FakeTensor, dims: number[], name: string): void {
  if (tensor.dims.join() !== dims.join()) throw new Error(`toy decoder: ${name} dims [${tensor.dims}] != [${dims}]`);
}

/** The generated part of a symbol sequence: everything after the last task token. */
export function afterTask(symbols: readonly number[]): number[] {
  let start = symbols.length;
  while (start > 0 && symbols[start - 1] !== TOY_TOKENS.short && symbols[start - 1] !== TOY_TOKENS.detailed) start--;
  return start === 0 ? [] : symbols.slice(start);
}

/** Words of the toy vocabulary (ids 7, 8, 9 are the content words of toyConfig). */
export const TOY_WORDS = [
  '<pad>',
  '<s>',
  '</s>',
  '<unk>',
  '<short>',
  '<detailed>',
  '<refine>',
  'red',
  'star',
  'circle',
  '.',
  ',',
];

/** A tokenizer.json for TOY_WORDS, shaped like the one training/tokenizer.py writes. */
export function toyTokenizerJson(words: readonly string[] = TOY_WORDS): Record<string, unknown> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: words.slice(0, 7).map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab: Object.fromEntries(words.map((w, i) => [w, i])), unk_token: '<unk>' },
  };
}
