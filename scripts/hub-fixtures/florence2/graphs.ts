import { ElemType, type OnnxModel, type OnnxValueInfo } from '../../tfjs-onnx/write-onnx';
import { PATCH } from '../colour-patches';
import { GraphBuilder, type WeightFormat } from '../graph-builder';
import {
  D_MODEL,
  DECODER_LAYERS,
  EOS_ID,
  GRID,
  HEADS,
  HEAD_DIM,
  IMAGE_SIZE,
  LOC_PER_PATCH,
  MAX_LENGTH,
} from './design';
import { type Florence2Vocab } from './tokenizer';
import {
  COORDS,
  READ,
  READ_COLUMNS,
  answerCandidates,
  answerRules,
  colourDiff,
  colourEmbed,
  crossProjection,
  embedTokens,
  identity,
  patchBias,
  positionEmbed,
  readChannels,
  selfProjection,
} from './weights';

/**
 * The four ONNX graphs of a Florence-2 export (onnx-community layout): vision_encoder, embed_tokens, encoder_model
 * and decoder_model_merged, with the input/output names transformers.js 4.3.2 feeds and reads for model_type
 * florence2. Learned weights go through GraphBuilder.weight (fp32 / fp16 + Cast / int8 + DequantizeLinear); token
 * ids, grid positions and index ranges are structural int64 constants, Cast to float where arithmetic needs them.
 */

const FLOAT = ElemType.float;

/** An integer-valued float constant (structural: never quantized), shaped `dims`. */
function floatConst(g: GraphBuilder, name: string, values: number[], dims: number[]): string {
  const flat = g.node('Cast', [g.int64(`${name}_i64`, values)], `${name}_flat`, { to: FLOAT });
  return dims.length === 1
    ? g.node('Identity', [flat], name)
    : g.node('Reshape', [flat, g.int64(`${name}_dims`, dims)], name);
}

/** [b, seq, D] → [b, HEADS, seq, HEAD_DIM] */
function splitHeads(g: GraphBuilder, x: string, name: string): string {
  const split = g.node('Reshape', [x, g.int64(`${name}_heads_shape`, [0, 0, HEADS, HEAD_DIM])], `${name}_heads`);
  return g.node('Transpose', [split], name, { perm: [0, 2, 1, 3] });
}

/**
 * vision_encoder: pixel_values [b, 3, 64, 64] (normalised with mean 0.5, std 0.5) → image_features [b, 64, D]:
 * per 8×8 patch (row-major) the colour-patches.ts rule as a one-hot, the patch's grid position and IS_PATCH.
 */
export function visionEncoderModel(format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const pooled = g.node('AveragePool', ['pixel_values'], 'patch_means', {
    kernel_shape: [PATCH, PATCH],
    strides: [PATCH, PATCH],
  });
  const flat = g.node('Reshape', [pooled, g.int64('channels_by_patches', [0, 3, -1])], 'patch_means_flat');
  const rgb = g.node('Transpose', [flat], 'patch_rgb', { perm: [0, 2, 1] });
  const diff = g.node('MatMul', [rgb, g.weight('colour_diff', [3, 6], colourDiff())], 'colour_diffs');
  const pairs = g.node('Reshape', [diff, g.int64('pairs_shape', [0, 0, 3, 2])], 'colour_diff_pairs');
  const margin = g.node('ReduceMin', [pairs], 'colour_margin', { axes: [3], keepdims: 0 });
  const one = floatConst(g, 'one', [1], []);
  const below = g.node('Greater', [one, margin], 'below_threshold');
  const flags = g.node('Sub', [one, g.node('Cast', [below], 'below_float', { to: FLOAT })], 'colour_flags');
  const colour = g.node('MatMul', [flags, g.weight('colour_embed', [3, D_MODEL], colourEmbed())], 'colour_part');
  const gridValues: number[] = [];
  for (let p = 0; p < GRID * GRID; p++) gridValues.push(p % GRID, Math.floor(p / GRID));
  const grid = floatConst(g, 'patch_grid', gridValues, [GRID * GRID, 2]);
  const position = g.node('MatMul', [grid, g.weight('position_embed', [2, D_MODEL], positionEmbed())], 'position');
  const sum = g.node('Add', [colour, position], 'colour_and_position');
  g.node('Add', [sum, g.weight('patch_bias', [D_MODEL], patchBias())], 'image_features');
  return g.build(
    'glance_tiny_florence2_vision_encoder',
    [{ name: 'pixel_values', elemType: FLOAT, dims: ['batch_size', 3, IMAGE_SIZE, IMAGE_SIZE] }],
    [{ name: 'image_features', elemType: FLOAT, dims: ['batch_size', GRID * GRID, D_MODEL] }],
    'Glance test fixture: designed Florence-2 vision encoder (8x8 patch colour rule), not a trained model.',
  );
}

/** embed_tokens: input_ids [b, s] → inputs_embeds [b, s, D], a row of flags per token. */
export function embedTokensModel(v: Florence2Vocab, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  g.node('Gather', [g.weight('embed_tokens', [v.size, D_MODEL], embedTokens(v)), 'input_ids'], 'inputs_embeds', {
    axis: 0,
  });
  return g.build(
    'glance_tiny_florence2_embed_tokens',
    [{ name: 'input_ids', elemType: ElemType.int64, dims: ['batch_size', 'sequence_length'] }],
    [{ name: 'inputs_embeds', elemType: FLOAT, dims: ['batch_size', 'sequence_length', D_MODEL] }],
    'Glance test fixture: designed Florence-2 token embeddings (flags), not a trained model.',
  );
}

/** Multiplies x [b, n, D] by mask [b, n] (int64) so padded positions are zero. */
function masked(g: GraphBuilder, x: string, mask: string, name: string): string {
  const maskFloat = g.node('Cast', [mask], `${name}_mask_float`, { to: FLOAT });
  const mask3 = g.node('Unsqueeze', [maskFloat, g.int64(`${name}_mask_axes`, [2])], `${name}_mask3`);
  return g.node('Mul', [x, mask3], name);
}

/**
 * encoder_model: inputs_embeds [b, e, D] (image features, then the prompt's token embeddings, as transformers.js
 * concatenates them) and attention_mask [b, e] → last_hidden_state [b, e, D], the masked inputs projected as they are.
 */
export function encoderModel(format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const proj = g.node(
    'MatMul',
    ['inputs_embeds', g.weight('encoder_proj', [D_MODEL, D_MODEL], identity(D_MODEL))],
    'h',
  );
  masked(g, proj, 'attention_mask', 'last_hidden_state');
  return g.build(
    'glance_tiny_florence2_encoder',
    [
      { name: 'inputs_embeds', elemType: FLOAT, dims: ['batch_size', 'encoder_sequence_length', D_MODEL] },
      { name: 'attention_mask', elemType: ElemType.int64, dims: ['batch_size', 'encoder_sequence_length'] },
    ],
    [{ name: 'last_hidden_state', elemType: FLOAT, dims: ['batch_size', 'encoder_sequence_length', D_MODEL] }],
    'Glance test fixture: designed Florence-2 encoder (masked pass-through), not a trained model.',
  );
}

/**
 * decoder_model_merged, the interface optimum exports for Florence-2 minus use_cache_branch and attention_mask
 * (transformers.js feeds those only when the session declares them):
 *   inputs_embeds [b, s, D], encoder_hidden_states [b, e, D], encoder_attention_mask [b, e],
 *   past_key_values.{i}.decoder.key/value [b, H, p, Dh], past_key_values.{i}.encoder.key/value [b, H, e' , Dh]
 *   → logits [b, s, V], present.{i}.decoder.* [b, H, p + s, Dh], present.{i}.encoder.* [b, H, e, Dh].
 *
 * From the encoder states it reads the facts (task, colours present, colours named, boxes), lays out the answer's
 * candidate tokens (weights.ts), keeps the included ones (CumSum gives each its position) and, at step p + t, where
 * p is the length of the self-attention cache, puts the logits −|arange(V) − id| on the token at that position
 * (`</s>` past the end), so greedy decoding picks exactly that id.
 */
export function decoderModel(v: Florence2Vocab, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const V = v.size;
  const candidates = answerCandidates(v);
  const K = candidates.length;
  const zero = floatConst(g, 'zero', [0], []);
  const one = floatConst(g, 'one', [1], []);
  const axes = (name: string, values: number[]) => g.int64(name, values);

  const enc = masked(g, 'encoder_hidden_states', 'encoder_attention_mask', 'encoder_states');
  const read = g.node('MatMul', [enc, g.weight('read_channels', [D_MODEL, READ_COLUMNS], readChannels())], 'read');
  const slice = (name: string, from: number, to: number) =>
    g.node('Slice', [read, axes(`${name}_from`, [from]), axes(`${name}_to`, [to]), axes(`${name}_axis`, [2])], name);
  // Snap what was read back to exact values, so the small errors of the q8 weights (and of whatever onnxruntime
  // makes of DequantizeLinear + MatMul) cannot move a token id: a flag is 1 when 2x > 1; a grid coordinate is the
  // count of the steps 2x > 1, 3, …, 13 it passes.
  const snapFlags = (x: string, name: string) =>
    g.node('Cast', [g.node('Greater', [g.node('Add', [x, x], `${name}_twice`), one], `${name}_bool`)], name, {
      to: FLOAT,
    });
  const steps = floatConst(
    g,
    'coord_steps',
    Array.from({ length: GRID - 1 }, (_, k) => 2 * k + 1),
    [GRID - 1],
  );
  const snapCoord = (x: string, name: string) => {
    const passed = g.node('Greater', [g.node('Add', [x, x], `${name}_twice`), steps], `${name}_passed`);
    const count = g.node('Cast', [passed], `${name}_passed_float`, { to: FLOAT });
    return g.node('ReduceSum', [count, axes(`${name}_axis`, [2])], name, { keepdims: 1 });
  };
  const flags = snapFlags(slice('patch_colours_read', READ.colours, READ.colours + 3), 'patch_colours');
  const col = snapCoord(slice('patch_col_read', READ.col, READ.col + 1), 'patch_col');
  const row = snapCoord(slice('patch_row_read', READ.row, READ.row + 1), 'patch_row');
  const text = snapFlags(slice('text_flags_read', READ.ground, READ.named + 3), 'text_flags');

  // Facts [b, 8] = [1, ground, present ×3, named ×3].
  const present = g.node('ReduceMax', [flags], 'present', { axes: [1], keepdims: 0 });
  const textFacts = g.node('ReduceMax', [text], 'text_facts', { axes: [1], keepdims: 0 });
  const ground = g.node(
    'Slice',
    [textFacts, axes('ground_from', [0]), axes('ground_to', [1]), axes('ground_axis', [1])],
    'ground',
  );
  const named = g.node(
    'Slice',
    [textFacts, axes('named_from', [1]), axes('named_to', [4]), axes('named_axis', [1])],
    'named',
  );
  const ones = g.node('Add', [g.node('Mul', [ground, zero], 'ground_zero'), one], 'ones');
  const facts = g.node('Concat', [ones, ground, present, named], 'facts', { axis: 1 });

  // Box coordinates [b, 12] = [col0 ×3, row0 ×3, col1 ×3, row1 ×3] over each colour's patches.
  const isColour = g.node('Greater', [flags, zero], 'is_colour');
  const last = floatConst(g, 'last_patch_index', [GRID - 1], []);
  const extreme = (name: string, coord: string, op: 'ReduceMin' | 'ReduceMax') =>
    g.node(op, [g.node('Where', [isColour, coord, op === 'ReduceMin' ? last : zero], `${name}_where`)], name, {
      axes: [1],
      keepdims: 0,
    });
  const coords = g.node(
    'Concat',
    [
      extreme('col0', col, 'ReduceMin'),
      extreme('row0', row, 'ReduceMin'),
      extreme('col1', col, 'ReduceMax'),
      extreme('row1', row, 'ReduceMax'),
    ],
    'box_coords',
    { axis: 1 },
  );

  // Candidates [b, K]: included (0/1), token id, position among the included ones.
  const score = g.node('MatMul', [facts, g.weight('answer_rules', [8, K], answerRules(candidates))], 'scores');
  const included = g.node('Cast', [g.node('Greater', [score, zero], 'included_bool')], 'included', { to: FLOAT });
  const locSelect: number[] = new Array<number>(COORDS * K).fill(0);
  candidates.forEach((c, k) => {
    if (c.coord !== null) locSelect[c.coord * K + k] = LOC_PER_PATCH;
  });
  const locOffsets = g.node('MatMul', [coords, floatConst(g, 'loc_select', locSelect, [COORDS, K])], 'loc_offsets');
  const bases = floatConst(
    g,
    'candidate_tokens',
    candidates.map((c) => c.base),
    [K],
  );
  const ids = g.node('Add', [locOffsets, bases], 'candidate_ids');
  const axis1 = g.node('Squeeze', [axes('cumsum_axis_1d', [1])], 'cumsum_axis');
  const position = g.node('Sub', [g.node('CumSum', [included, axis1], 'included_count'), one], 'candidate_position');

  // Steps [1, s, 1]: p (the self-attention cache length) + 0 … s − 1.
  const pastShape = g.node('Shape', ['past_key_values.0.decoder.key'], 'past_shape');
  const pastLength = g.node('Slice', [pastShape, axes('past_len_from', [2]), axes('past_len_to', [3])], 'past_length');
  const inputShape = g.node('Shape', ['inputs_embeds'], 'input_shape');
  const seqLength = g.node('Slice', [inputShape, axes('seq_len_from', [1]), axes('seq_len_to', [2])], 'seq_length');
  const arange = axes(
    'arange_steps',
    Array.from({ length: MAX_LENGTH }, (_, i) => i),
  );
  const offsets = g.node('Slice', [arange, axes('steps_from', [0]), seqLength], 'step_offsets');
  const stepsFlat = g.node('Cast', [g.node('Add', [offsets, pastLength], 'steps_i64')], 'steps_flat', { to: FLOAT });
  const steps3 = g.node('Reshape', [stepsFlat, axes('steps_shape', [1, -1, 1])], 'steps');

  // Target id [b, s, 1]: the included candidate whose position is the step, else </s>.
  const unsq = (x: string, name: string) => g.node('Unsqueeze', [x, axes(`${name}_axes`, [1])], name);
  const hit = g.node('Cast', [g.node('Equal', [unsq(position, 'position3'), steps3], 'at_step')], 'at_step_float', {
    to: FLOAT,
  });
  const match = g.node('Mul', [hit, unsq(included, 'included3')], 'match');
  const lastAxis = axes('candidate_axis', [2]);
  const picked = g.node('ReduceSum', [g.node('Mul', [match, unsq(ids, 'ids3')], 'match_ids'), lastAxis], 'picked', {
    keepdims: 1,
  });
  const matched = g.node('ReduceSum', [match, lastAxis], 'matched', { keepdims: 1 });
  const eos = floatConst(g, 'eos_id', [EOS_ID], []);
  const fallback = g.node('Mul', [g.node('Sub', [one, matched], 'unmatched'), eos], 'fallback');
  const target = g.node('Add', [picked, fallback], 'target_id');
  const vocab = floatConst(
    g,
    'vocab_ids',
    Array.from({ length: V }, (_, i) => i),
    [V],
  );
  g.node('Neg', [g.node('Abs', [g.node('Sub', [vocab, target], 'id_distance')], 'abs_distance')], 'logits');

  // The cache: self-attention entries grow by the new step; cross-attention entries are the encoder states'
  // projections, or the past ones once there are some (what optimum's merged decoder returns).
  const inputs: OnnxValueInfo[] = [
    { name: 'inputs_embeds', elemType: FLOAT, dims: ['batch_size', 'decoder_sequence_length', D_MODEL] },
    { name: 'encoder_hidden_states', elemType: FLOAT, dims: ['batch_size', 'encoder_sequence_length', D_MODEL] },
    { name: 'encoder_attention_mask', elemType: ElemType.int64, dims: ['batch_size', 'encoder_sequence_length'] },
  ];
  const outputs: OnnxValueInfo[] = [
    { name: 'logits', elemType: FLOAT, dims: ['batch_size', 'decoder_sequence_length', V] },
  ];
  const encShape = g.node('Shape', ['encoder_hidden_states'], 'encoder_shape');
  const encLength = g.node('Slice', [encShape, axes('enc_len_from', [1]), axes('enc_len_to', [2])], 'encoder_length');
  const cacheDims = (seq: string) => ['batch_size', HEADS, seq, HEAD_DIM];
  for (let i = 0; i < DECODER_LAYERS; i++) {
    for (const kind of ['key', 'value'] as const) {
      const selfW = g.weight(`self_${kind}_proj_${i}`, [D_MODEL, D_MODEL], selfProjection(i, kind));
      const step = splitHeads(
        g,
        g.node('MatMul', ['inputs_embeds', selfW], `self_${kind}_${i}_flat`),
        `self_${kind}_${i}`,
      );
      const past = `past_key_values.${i}.decoder.${kind}`;
      g.node('Concat', [past, step], `present.${i}.decoder.${kind}`, { axis: 2 });
      inputs.push({ name: past, elemType: FLOAT, dims: cacheDims('past_decoder_sequence_length') });
      outputs.push({
        name: `present.${i}.decoder.${kind}`,
        elemType: FLOAT,
        dims: cacheDims('present_decoder_sequence_length'),
      });

      const crossW = g.weight(`cross_${kind}_proj_${i}`, [D_MODEL, D_MODEL], crossProjection(kind));
      const cross = splitHeads(g, g.node('MatMul', [enc, crossW], `cross_${kind}_${i}_flat`), `cross_${kind}_${i}`);
      const pastCross = `past_key_values.${i}.encoder.${kind}`;
      const both = g.node('Concat', [pastCross, cross], `cross_${kind}_${i}_both`, { axis: 2 });
      const start = axes(`cross_${kind}_${i}_from`, [0]);
      g.node('Slice', [both, start, encLength, axes(`cross_${kind}_${i}_axis`, [2])], `present.${i}.encoder.${kind}`);
      inputs.push({ name: pastCross, elemType: FLOAT, dims: cacheDims('encoder_sequence_length_out') });
      outputs.push({
        name: `present.${i}.encoder.${kind}`,
        elemType: FLOAT,
        dims: cacheDims('encoder_sequence_length_out'),
      });
    }
  }

  return g.build(
    'glance_tiny_florence2_decoder',
    inputs,
    outputs,
    'Glance test fixture: designed Florence-2 decoder (answer from encoder facts, step from the cache), not trained.',
  );
}
