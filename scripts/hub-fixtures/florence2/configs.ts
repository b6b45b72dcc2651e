import {
  BOS_ID,
  D_MODEL,
  DECODER_LAYERS,
  EOS_ID,
  HEADS,
  IMAGE_SIZE,
  MAX_LENGTH,
  PAD_ID,
  TASKS_ANSWER_POST_PROCESSING_TYPE,
  TASK_PROMPTS_WITHOUT_INPUTS,
  TASK_PROMPTS_WITH_INPUT,
} from './design';

/**
 * config.json, generation_config.json and preprocessor_config.json, trimmed from onnx-community/Florence-2-base-ft's
 * to what transformers.js reads plus the identifying fields.
 */

/** The special ids Florence-2 decodes with: start from </s>, force <s> first, stop at </s>. */
const SPECIAL_IDS = {
  bos_token_id: BOS_ID,
  eos_token_id: EOS_ID,
  pad_token_id: PAD_ID,
  decoder_start_token_id: EOS_ID,
  forced_bos_token_id: BOS_ID,
  forced_eos_token_id: EOS_ID,
};

export function modelConfigJson(vocabSize: number): object {
  return {
    architectures: ['Florence2ForConditionalGeneration'],
    model_type: 'florence2',
    is_encoder_decoder: true,
    projection_dim: D_MODEL,
    vocab_size: vocabSize,
    // transformers.js merges text_config over the top level when it builds the generation config (generation_config.json
    // still wins), and names the cache inputs from it (florence2_language: decoder_layers → past_key_values.{i}.*).
    text_config: {
      model_type: 'florence2_language',
      architectures: ['Florence2LanguageForConditionalGeneration'],
      is_encoder_decoder: true,
      vocab_size: vocabSize,
      d_model: D_MODEL,
      encoder_layers: 1,
      decoder_layers: DECODER_LAYERS,
      encoder_attention_heads: HEADS,
      decoder_attention_heads: HEADS,
      encoder_ffn_dim: D_MODEL,
      decoder_ffn_dim: D_MODEL,
      max_position_embeddings: MAX_LENGTH,
      ...SPECIAL_IDS,
      max_length: MAX_LENGTH,
    },
    vision_config: {
      model_type: 'davit',
      projection_dim: D_MODEL,
      image_size: IMAGE_SIZE,
    },
  };
}

export function generationConfigJson(): object {
  return { ...SPECIAL_IDS, max_length: MAX_LENGTH };
}

export function preprocessorConfigJson(): object {
  return {
    crop_size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
    do_center_crop: false,
    do_convert_rgb: null,
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    image_mean: [0.5, 0.5, 0.5],
    image_processor_type: 'CLIPImageProcessor',
    image_seq_length: 64,
    image_std: [0.5, 0.5, 0.5],
    processor_class: 'Florence2Processor',
    resample: 3,
    rescale_factor: 1 / 255,
    size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
    tasks_answer_post_processing_type: TASKS_ANSWER_POST_PROCESSING_TYPE,
    task_prompts_without_inputs: TASK_PROMPTS_WITHOUT_INPUTS,
    task_prompts_with_input: TASK_PROMPTS_WITH_INPUT,
  };
}
