import { PATCH } from '../colour-patches';
import { HEAD_DIM, HIDDEN, IMAGE_SEQ_LEN, IMAGE_SIZE, MAX_NEW_TOKENS, N_KV_HEADS, N_LAYER, SPECIAL } from './design';
import { MODEL_MAX_LENGTH, type SmolVocab, tokenId } from './tokenizer';

/**
 * config.json, generation_config.json, preprocessor_config.json and processor_config.json, shaped like
 * HuggingFaceTB/SmolVLM-256M-Instruct's (model_type idefics3, a llama text model), trimmed to the tiny sizes.
 */

function specialIds(v: SmolVocab) {
  return {
    bos_token_id: tokenId(v, SPECIAL.bos),
    eos_token_id: tokenId(v, SPECIAL.eos),
    pad_token_id: tokenId(v, SPECIAL.pad),
  };
}

export function modelConfigJson(v: SmolVocab): object {
  const ids = specialIds(v);
  return {
    architectures: ['Idefics3ForConditionalGeneration'],
    model_type: 'idefics3',
    image_token_id: tokenId(v, SPECIAL.image),
    scale_factor: 1,
    tie_word_embeddings: false,
    vocab_size: v.vocab.size,
    ...ids,
    // transformers.js sizes the key/value cache from text_config (num_hidden_layers names the
    // past_key_values.{i}.key/.value inputs) and merges text_config over the top level for generation.
    text_config: {
      model_type: 'llama',
      architectures: ['LlamaForCausalLM'],
      hidden_size: HIDDEN,
      intermediate_size: HIDDEN,
      num_hidden_layers: N_LAYER,
      num_attention_heads: N_KV_HEADS,
      num_key_value_heads: N_KV_HEADS,
      head_dim: HEAD_DIM,
      max_position_embeddings: MODEL_MAX_LENGTH,
      vocab_size: v.vocab.size,
      tie_word_embeddings: false,
      ...ids,
    },
    vision_config: {
      model_type: 'idefics3_vision',
      hidden_size: HIDDEN,
      intermediate_size: HIDDEN,
      num_hidden_layers: 0,
      num_attention_heads: 1,
      num_channels: 3,
      image_size: IMAGE_SIZE,
      patch_size: PATCH,
    },
  };
}

export function generationConfigJson(v: SmolVocab): object {
  return { ...specialIds(v), max_new_tokens: MAX_NEW_TOKENS };
}

/**
 * Idefics3ImageProcessor with splitting off: `size` {height, width} makes its first resize a plain squash to
 * IMAGE_SIZE² (not aspect-preserving), and `max_image_size.longest_edge` = IMAGE_SIZE makes its second resize
 * (to longest_edge², always done when splitting is off) keep that size.
 */
export function preprocessorConfigJson(): object {
  return {
    do_convert_rgb: true,
    do_image_splitting: false,
    do_normalize: true,
    do_pad: false,
    do_rescale: true,
    do_resize: true,
    image_mean: [0.5, 0.5, 0.5],
    image_processor_type: 'Idefics3ImageProcessor',
    image_std: [0.5, 0.5, 0.5],
    max_image_size: { longest_edge: IMAGE_SIZE },
    processor_class: 'Idefics3Processor',
    resample: 2,
    rescale_factor: 1 / 255,
    size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
  };
}

export function processorConfigJson(): object {
  return { image_seq_len: IMAGE_SEQ_LEN, processor_class: 'Idefics3Processor' };
}
