import { attrs } from '../read-graph';
import { NCHW_TO_NHWC, NHWC_TO_NCHW, type Translator } from '../context';

/**
 * ResizeBilinear / ResizeNearestNeighbor. TF gives a fixed output size; we emit ONNX Resize with SCALES (output /
 * input at the reference size), so the converted graph follows its input size (a 2x upsample stays 2x at 256 or
 * 320). Coordinate modes: align_corners -> align_corners; half_pixel_centers -> half_pixel (bilinear) or
 * tf_half_pixel_for_nn (nearest, floor); neither -> asymmetric with floor for nearest (TF's legacy behaviour).
 */
function resize(mode: 'linear' | 'nearest'): Translator {
  return (node, ctx) => {
    const x = ctx.input(node, 0);
    const size = Array.from(ctx.constInput(node, 1).data);
    if (!x.shape) throw new Error(`${node.op} ${node.name}: input shape unknown, cannot derive scales`);
    const [, h, w, c] = x.shape;
    const align = attrs.bool(node.attr, 'align_corners');
    const half = attrs.bool(node.attr, 'half_pixel_centers');
    const ctm = align
      ? 'align_corners'
      : half
        ? mode === 'linear'
          ? 'half_pixel'
          : 'tf_half_pixel_for_nn'
        : 'asymmetric';
    const a: Record<string, string> = { mode, coordinate_transformation_mode: ctm };
    if (mode === 'nearest') a.nearest_mode = align ? 'round_prefer_ceil' : 'floor';
    const scales = ctx.f32('scales', [1, 1, size[0] / h, size[1] / w]);
    const [y] = ctx.emit('Resize', [ctx.transpose(x.onnx, NHWC_TO_NCHW), '', scales], a, node.name);
    const out = ctx.transpose(y, NCHW_TO_NHWC, node.name);
    ctx.set(node.name, { onnx: out, dtype: x.dtype, shape: [x.shape[0], size[0], size[1], c] });
  };
}

export const resizeOps: Record<string, Translator> = {
  ResizeBilinear: resize('linear'),
  ResizeNearestNeighbor: resize('nearest'),
};
