import { ElemType, type OnnxModel } from '../tfjs-onnx/write-onnx';
import { IMAGE_SIZE, N_EMBD, PATCH_SIZE } from './design';
import { GraphBuilder, type WeightFormat } from './graph-builder';

/**
 * encoder_model.onnx: pixel_values [batch, 3, H, W] → last_hidden_state [batch, 1 + patches, N_EMBD], where each
 * patch feature is the patch's mean normalized RGB (embedded by patchEmbed) and the leading token is their mean.
 */
export function encoderModel(patchEmbed: Float32Array, format: WeightFormat): OnnxModel {
  const g = new GraphBuilder(format);
  const pooled = g.node('AveragePool', ['pixel_values'], 'patch_means', {
    kernel_shape: [PATCH_SIZE, PATCH_SIZE],
    strides: [PATCH_SIZE, PATCH_SIZE],
  });
  // [b, 3, h', w'] → [b, 3, patches] → [b, patches, 3]; 0 copies the (dynamic) batch dimension.
  const flat = g.node('Reshape', [pooled, g.int64('channels_by_patches', [0, 3, -1])], 'patch_means_flat');
  const rgb = g.node('Transpose', [flat], 'patch_rgb', { perm: [0, 2, 1] });
  const patches = g.node('MatMul', [rgb, g.weight('patch_embed', [3, N_EMBD], patchEmbed)], 'patch_features');
  const cls = g.node('ReduceMean', [patches], 'cls_feature', { axes: [1], keepdims: 1 });
  g.node('Concat', [cls, patches], 'last_hidden_state', { axis: 1 });

  return g.build(
    'glance_tiny_vit_encoder',
    [{ name: 'pixel_values', elemType: ElemType.float, dims: ['batch_size', 3, IMAGE_SIZE, IMAGE_SIZE] }],
    [
      {
        name: 'last_hidden_state',
        elemType: ElemType.float,
        dims: ['batch_size', 'encoder_sequence_length', N_EMBD],
      },
    ],
    'Glance test fixture: designed ViT-like encoder (patch mean colours), not a trained model.',
  );
}
