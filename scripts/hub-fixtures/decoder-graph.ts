import { ElemType, type OnnxModel, type OnnxValueInfo } from '../tfjs-onnx/write-onnx';
import { HEAD_DIM, N_EMBD, N_HEAD } from './design';
import { GraphBuilder, type WeightFormat } from './graph-builder';
import { type DesignedWeights } from './weights';

/**
 * decoder_model_merged.onnx with the interface optimum exports for GPT-2 with cross-attention, minus
 * use_cache_branch and attention_mask (transformers.js feeds those only when the session declares them):
 *   input_ids [b, s] int64, encoder_hidden_states [b, e, N_EMBD], past_key_values.{i}.key/.value [b, H, p, D]
 *   → logits [b, s, V], present.{i}.key/.value [b, H, p + s, D].
 * The cache dims H and D are fixed numbers and p is symbolic: transformers.js builds the first step's empty pasts
 * from this input metadata, resolving `batch_size` and setting every other symbolic dim to 0.
 */
export function decoderModel(w: DesignedWeights, vocabSize: number, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const V = vocabSize;

  const hidden = g.node('Gather', [g.weight('wte', [V, N_EMBD], w.wte), 'input_ids'], 'hidden', { axis: 0 });
  const chain = g.node('MatMul', [hidden, g.weight('lm_head', [N_EMBD, V], w.lmHead)], 'chain_logits');
  const gate = g.node('MatMul', [hidden, g.weight('colour_gate', [N_EMBD, 1], w.colourGate)], 'colour_gate_value');
  // The mean over all encoder tokens equals the patch mean (the leading token is itself the patch mean).
  const image = g.node('ReduceMean', ['encoder_hidden_states'], 'image_feature', { axes: [1], keepdims: 1 });
  const colour = g.node('MatMul', [image, g.weight('colour_head', [N_EMBD, V], w.colourHead)], 'colour_logits');
  const gated = g.node('Mul', [gate, colour], 'gated_colour_logits');
  g.node('Add', [chain, gated], 'logits');

  const headsShape = g.int64('heads_shape', [0, 0, N_HEAD, HEAD_DIM]);
  const cacheInputs: OnnxValueInfo[] = [];
  const cacheOutputs: OnnxValueInfo[] = [];
  const cacheDims = (seq: string) => ['batch_size', N_HEAD, seq, HEAD_DIM];
  w.keyProj.forEach((_, i) => {
    for (const kind of ['key', 'value'] as const) {
      const proj = kind === 'key' ? w.keyProj[i] : w.valueProj[i];
      const flat = g.node('MatMul', [hidden, g.weight(`${kind}_proj_${i}`, [N_EMBD, N_EMBD], proj)], `${kind}_${i}`);
      const split = g.node('Reshape', [flat, headsShape], `${kind}_${i}_heads`);
      const step = g.node('Transpose', [split], `${kind}_${i}_step`, { perm: [0, 2, 1, 3] });
      const past = `past_key_values.${i}.${kind}`;
      const present = `present.${i}.${kind}`;
      g.node('Concat', [past, step], present, { axis: 2 });
      cacheInputs.push({ name: past, elemType: ElemType.float, dims: cacheDims('past_sequence_length') });
      cacheOutputs.push({ name: present, elemType: ElemType.float, dims: cacheDims('total_sequence_length') });
    }
  });

  return g.build(
    'glance_tiny_gpt2_decoder',
    [
      { name: 'input_ids', elemType: ElemType.int64, dims: ['batch_size', 'decoder_sequence_length'] },
      {
        name: 'encoder_hidden_states',
        elemType: ElemType.float,
        dims: ['batch_size', 'encoder_sequence_length', N_EMBD],
      },
      ...cacheInputs,
    ],
    [{ name: 'logits', elemType: ElemType.float, dims: ['batch_size', 'decoder_sequence_length', V] }, ...cacheOutputs],
    'Glance test fixture: designed GPT-2-like decoder (fixed caption chain, colour from the image), not trained.',
  );
}
