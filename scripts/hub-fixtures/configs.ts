import { IMAGE_SIZE, MAX_LENGTH, N_EMBD, N_HEAD, N_LAYER, PATCH_SIZE } from './design';

/**
 * config.json, generation_config.json and preprocessor_config.json, trimmed from the Xenova/vit-gpt2-image-captioning
 * ones to what matters plus the identifying fields.
 */

export function modelConfigJson(vocabSize: number, eotId: number): object {
  // transformers.js merges `decoder` over the top level when it builds the generation config, so the decoder must
  // carry the same special ids and max_length, or they would override the top-level ones.
  const special = { bos_token_id: eotId, eos_token_id: eotId, pad_token_id: eotId, decoder_start_token_id: eotId };
  return {
    architectures: ['VisionEncoderDecoderModel'],
    model_type: 'vision-encoder-decoder',
    is_encoder_decoder: true,
    tie_word_embeddings: false,
    ...special,
    max_length: MAX_LENGTH,
    encoder: {
      model_type: 'vit',
      architectures: ['ViTModel'],
      hidden_size: N_EMBD,
      num_hidden_layers: 0,
      num_attention_heads: N_HEAD,
      intermediate_size: N_EMBD,
      image_size: IMAGE_SIZE,
      patch_size: PATCH_SIZE,
      num_channels: 3,
    },
    decoder: {
      model_type: 'gpt2',
      architectures: ['GPT2LMHeadModel'],
      add_cross_attention: true,
      is_decoder: true,
      // n_layer names the past_key_values.{i}.key/.value inputs; n_head/n_embd must match their fixed dims.
      n_layer: N_LAYER,
      n_head: N_HEAD,
      n_embd: N_EMBD,
      n_positions: MAX_LENGTH,
      n_ctx: MAX_LENGTH,
      vocab_size: vocabSize,
      ...special,
      max_length: MAX_LENGTH,
    },
  };
}

export function generationConfigJson(eotId: number): object {
  return {
    bos_token_id: eotId,
    decoder_start_token_id: eotId,
    eos_token_id: eotId,
    pad_token_id: eotId,
    max_length: MAX_LENGTH,
  };
}

export function preprocessorConfigJson(): object {
  return {
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    feature_extractor_type: 'ViTFeatureExtractor',
    image_processor_type: 'ViTImageProcessor',
    image_mean: [0.5, 0.5, 0.5],
    image_std: [0.5, 0.5, 0.5],
    resample: 2,
    rescale_factor: 1 / 255,
    size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
  };
}
