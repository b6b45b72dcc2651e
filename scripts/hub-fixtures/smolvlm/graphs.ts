import { type AttrValue, ElemType, type OnnxModel, type OnnxValueInfo } from '../../tfjs-onnx/write-onnx';
import { PATCH, PATCH_MARGIN } from '../colour-patches';
import { GraphBuilder, type WeightFormat } from '../graph-builder';
import { ANSWER_STEPS, HEAD_DIM, HIDDEN, IMAGE_SIZE, N_KV_HEADS, N_LAYER, N_SUBSETS, TEXT_CHANNEL } from './design';
import { type SmolWeights } from './weights';

/**
 * The three ONNX graphs transformers.js runs for Idefics3ForConditionalGeneration (MODEL_TYPES.ImageTextToText):
 * embed_tokens, vision_encoder and decoder_model_merged. Float32 inputs and outputs in every dtype (GraphBuilder).
 */

/** The processor normalises with mean 0.5 and std 0.5: a difference d of [0, 1] means is d / 0.5 after it. */
const IMAGE_STD = 0.5;

function constant(g: GraphBuilder, name: string, value: number | number[]): string {
  const attrs: Record<string, AttrValue> =
    typeof value === 'number' ? { value_float: { float: value } } : { value_floats: { floats: value } };
  return g.node('Constant', [], name, attrs);
}

/** embed_tokens.onnx: input_ids [b, s] int64 → inputs_embeds [b, s, HIDDEN]. */
export function embedTokensModel(w: SmolWeights, vocabSize: number, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  g.node('Gather', [g.weight('embed_tokens', [vocabSize, HIDDEN], w.embed), 'input_ids'], 'inputs_embeds', {
    axis: 0,
  });
  return g.build(
    'glance_tiny_smolvlm_embed_tokens',
    [{ name: 'input_ids', elemType: ElemType.int64, dims: ['batch_size', 'sequence_length'] }],
    [{ name: 'inputs_embeds', elemType: ElemType.float, dims: ['batch_size', 'sequence_length', HIDDEN] }],
    'Glance test fixture: designed SmolVLM token embeddings (every token is "text"), not trained.',
  );
}

/**
 * vision_encoder.onnx: pixel_values [b, images, 3, S, S] → image_features [b·images, patches, HIDDEN]. Patch p's
 * feature carries, in channels 0..2, whether the patch is red, green or blue by the colour-patches.ts rule (its
 * channel mean beats both others by PATCH_MARGIN), computed on the normalised pixels.
 */
export function visionEncoderModel(w: SmolWeights, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const images = g.node(
    'Reshape',
    ['pixel_values', g.int64('images_shape', [-1, 3, IMAGE_SIZE, IMAGE_SIZE])],
    'images',
  );
  const means = g.node('AveragePool', [images], 'patch_means', {
    kernel_shape: [PATCH, PATCH],
    strides: [PATCH, PATCH],
  });
  // Channel c against max(c + 1, c + 2): the channels rolled by one and by two.
  const next = g.node('Gather', [means, g.int64('roll_1', [1, 2, 0])], 'patch_means_next', { axis: 1 });
  const after = g.node('Gather', [means, g.int64('roll_2', [2, 0, 1])], 'patch_means_after', { axis: 1 });
  const others = g.node('Max', [next, after], 'patch_means_others');
  const margin = g.node('Sub', [means, others], 'patch_margin');
  const wins = g.node('GreaterOrEqual', [margin, constant(g, 'margin_threshold', PATCH_MARGIN / IMAGE_STD)], 'wins');
  const flags = g.node('Cast', [wins], 'patch_flags', { to: ElemType.float });
  // [n, 3, rows, cols] → [n, 3, patches] → [n, patches, 3] → [n, patches, HIDDEN]
  const flat = g.node('Reshape', [flags, g.int64('channels_by_patches', [0, 3, -1])], 'patch_flags_flat');
  const tokens = g.node('Transpose', [flat], 'patch_tokens', { perm: [0, 2, 1] });
  g.node('MatMul', [tokens, g.weight('vision_proj', [3, HIDDEN], w.visionProj)], 'image_features');

  return g.build(
    'glance_tiny_smolvlm_vision_encoder',
    [
      {
        name: 'pixel_values',
        elemType: ElemType.float,
        dims: ['batch_size', 'num_images', 3, IMAGE_SIZE, IMAGE_SIZE],
      },
    ],
    [{ name: 'image_features', elemType: ElemType.float, dims: ['num_images_total', 'image_seq_len', HIDDEN] }],
    'Glance test fixture: designed SmolVLM vision encoder (8-pixel colour patches), not trained.',
  );
}

/**
 * decoder_model_merged.onnx: inputs_embeds [b, s, HIDDEN], past_key_values.{i}.key/.value [b, 1, p, HEAD_DIM]
 * → logits [b, s, V], present.{i}.key/.value [b, 1, p + s, HEAD_DIM] (past concatenated with this call's step).
 *
 * Layer 0's values hold each position's colour flags (image positions carry them); layer 1's values hold a
 * generated flag: 0 for every position of the prefill (a call with more than one text position), 1 for a generated
 * token. So step = the sum of the generated flags = how many answer tokens were generated, and the colours are the
 * ReduceMax of layer 0's values over all positions: the union over every image in the prompt. The logits are row
 * subset·ANSWER_STEPS + min(step, ANSWER_STEPS − 1) of the answer table (subset = 4·red + 2·green + blue), the same
 * for every position of the call; transformers.js reads the last one.
 */
export function decoderModel(w: SmolWeights, vocabSize: number, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const V = vocabSize;

  // A call is the prefill when it has more than one text position (every token's embedding carries 1 on
  // TEXT_CHANNEL, image features 0; a prompt has many text tokens, a generated step one). Counted from the
  // embeddings rather than from Shape: onnxruntime-web 1.30's JSEP (WebGPU) build fed this graph's GPU kernels
  // stale values for small tensors computed on the CPU (Greater(1, 1.5) came out true on the second call).
  const textValues = g.node('Gather', ['inputs_embeds', g.int64('text_channel', [TEXT_CHANNEL])], 'text_values', {
    axis: 2,
  });
  const textCount = g.node('ReduceSum', [textValues, g.int64('sequence_axis', [1])], 'text_count', { keepdims: 1 });
  const prefill = g.node('Greater', [textCount, constant(g, 'one_and_a_half', 1.5)], 'is_prefill');
  // [b, 1, 1] → [b, 1, 1, 1]: 1 on a generated position, 0 on the prompt's.
  const generatedFlag = g.node(
    'Unsqueeze',
    [
      g.node('Cast', [g.node('Not', [prefill], 'is_generated')], 'generated_flag_bs', { to: ElemType.float }),
      g.int64('flag_axis', [1]),
    ],
    'generated_flag',
  );
  // [b, s, HIDDEN] → [b, 1, s, HIDDEN]: the one key/value head.
  const hidden = g.node('Unsqueeze', ['inputs_embeds', g.int64('head_axis', [1])], 'hidden_heads');

  const cacheInputs: OnnxValueInfo[] = [];
  const cacheOutputs: OnnxValueInfo[] = [];
  const cacheDims = (seq: string) => ['batch_size', N_KV_HEADS, seq, HEAD_DIM];
  for (let i = 0; i < N_LAYER; i++) {
    const key = g.node('MatMul', [hidden, g.weight(`key_proj_${i}`, [HIDDEN, HEAD_DIM], w.keyProj[i])], `key_${i}`);
    const value =
      i === 0
        ? g.node('MatMul', [hidden, g.weight('colour_value_proj', [HIDDEN, HEAD_DIM], w.colourValueProj)], 'value_0')
        : g.node('Expand', [generatedFlag, g.node('Shape', [key], `key_${i}_shape`)], `value_${i}`);
    for (const [kind, added] of [
      ['key', key],
      ['value', value],
    ]) {
      const past = `past_key_values.${i}.${kind}`;
      g.node('Concat', [past, added], `present.${i}.${kind}`, { axis: 2 });
      cacheInputs.push({ name: past, elemType: ElemType.float, dims: cacheDims('past_sequence_length') });
      cacheOutputs.push({
        name: `present.${i}.${kind}`,
        elemType: ElemType.float,
        dims: cacheDims('total_sequence_length'),
      });
    }
  }

  // Colours of the whole sequence so far: [b, HEAD_DIM] maxima → bits → subset index 4·r + 2·g + b.
  const colourMax = g.node('ReduceMax', ['present.0.value'], 'colour_max', { axes: [1, 2], keepdims: 0 });
  const colourBits = g.node(
    'Cast',
    [g.node('Greater', [colourMax, constant(g, 'half', 0.5)], 'colour_present')],
    'colour_bits',
    { to: ElemType.float },
  );
  const weighted = g.node('Mul', [colourBits, constant(g, 'subset_code', [4, 2, 1, 0])], 'colour_code');
  const lastAxis = g.int64('last_axis', [1]);
  const subset = g.node('ReduceSum', [weighted, lastAxis], 'subset', { keepdims: 0 });

  // Answer step: the generated positions so far (this call's included), from layer 1's values.
  const generatedPositions = g.node('ReduceMax', ['present.1.value'], 'generated_positions', {
    axes: [1, 3],
    keepdims: 0,
  });
  const generated = g.node('ReduceSum', [generatedPositions, lastAxis], 'generated', { keepdims: 0 });
  const step = g.node('Min', [generated, constant(g, 'last_step', ANSWER_STEPS - 1)], 'answer_step');

  const row = g.node('Add', [g.node('Mul', [subset, constant(g, 'steps', ANSWER_STEPS)], 'subset_row'), step], 'row');
  const rowIndex = g.node('Cast', [row], 'row_index', { to: ElemType.int64 });
  const table = g.weight('answer_table', [N_SUBSETS * ANSWER_STEPS, V], w.answerTable);
  const rowLogits = g.node('Gather', [table, rowIndex], 'row_logits', { axis: 0 });
  const oneStep = g.node('Unsqueeze', [rowLogits, g.int64('step_axis', [1])], 'step_logits');
  const batchSeq = g.node('Shape', ['inputs_embeds'], 'batch_and_sequence', { start: 0, end: 2 });
  const logitsShape = g.node('Concat', [batchSeq, g.int64('vocab_size', [V])], 'logits_shape', { axis: 0 });
  g.node('Expand', [oneStep, logitsShape], 'logits');

  return g.build(
    'glance_tiny_smolvlm_decoder',
    [
      { name: 'inputs_embeds', elemType: ElemType.float, dims: ['batch_size', 'sequence_length', HIDDEN] },
      ...cacheInputs,
    ],
    [{ name: 'logits', elemType: ElemType.float, dims: ['batch_size', 'sequence_length', V] }, ...cacheOutputs],
    'Glance test fixture: designed SmolVLM decoder (answers the colours of all images, counts its steps in the ' +
      'key/value cache), not trained.',
  );
}
