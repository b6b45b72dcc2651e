import { attrs, type TfNode } from '../read-graph';
import { type ConvertContext, NCHW_TO_NHWC, NHWC_TO_NCHW, type Translator } from '../context';
import type { AttrValue } from '../write-onnx';

/**
 * Conv2D, DepthwiseConv2dNative and their grappler-fused forms (_FusedConv2D, FusedDepthwiseConv2dNative with
 * BiasAdd and an activation). NHWC in, NHWC out; the ONNX Conv runs on NCHW between two Transposes.
 * TF filter HWIO -> ONNX OIHW; depthwise HW(C)(M) -> (C*M)1HW with group = C. SAME -> auto_pad SAME_UPPER (TF puts
 * the odd padding row/column at the end), so the graph stays valid for any input size.
 */

function spatialOut(
  size: number,
  k: number,
  s: number,
  d: number,
  padding: string,
  before: number,
  after: number,
): number {
  const eff = (k - 1) * d + 1;
  if (padding === 'SAME') return Math.ceil(size / s);
  return Math.floor((size + before + after - eff) / s) + 1;
}

/** Applies a TF fused activation (after BiasAdd) to an NCHW tensor. */
export function fusedActivation(ctx: ConvertContext, node: TfNode, x: string, op: string, extra: number): string {
  switch (op) {
    case 'Relu':
      return ctx.emit('Relu', [x])[0];
    case 'Relu6':
      return ctx.emit('Clip', [x, ctx.f32('zero', [0], []), ctx.f32('six', [6], [])])[0];
    case 'Elu':
      return ctx.emit('Elu', [x])[0];
    case 'Sigmoid':
      return ctx.emit('Sigmoid', [x])[0];
    case 'Tanh':
      return ctx.emit('Tanh', [x])[0];
    case 'LeakyRelu':
      return ctx.emit('LeakyRelu', [x], { alpha: { float: attrs.float(node.attr, 'leakyrelu_alpha', 0.2) } })[0];
    case 'Prelu': {
      const slope = ctx.constInput(node, extra);
      const c = slope.data.length;
      const s = ctx.init('prelu_slope', 1, [c, 1, 1], Float32Array.from(slope.data));
      return ctx.emit('PRelu', [x, s])[0];
    }
    default:
      throw new Error(`${node.op} ${node.name}: fused activation ${op} is not supported`);
  }
}

function convLike(depthwise: boolean): Translator {
  return (node, ctx) => {
    const format = attrs.str(node.attr, 'data_format', 'NHWC');
    if (format !== 'NHWC') throw new Error(`${node.op} ${node.name}: data_format ${format} not supported`);
    const x = ctx.input(node, 0);
    const w = ctx.constInput(node, 1);
    const [kh, kw, ci, co] = w.shape;
    const strides = attrs.ints(node.attr, 'strides');
    const dil = attrs.ints(node.attr, 'dilations');
    const [sh, sw] = [strides[1] ?? 1, strides[2] ?? 1];
    const [dh, dw] = [dil[1] ?? 1, dil[2] ?? 1];
    const padding = attrs.str(node.attr, 'padding', 'VALID');

    // Filter to OIHW.
    const outC = depthwise ? ci * co : co;
    const inPerGroup = depthwise ? 1 : ci;
    const data = new Float32Array(outC * inPerGroup * kh * kw);
    for (let y = 0; y < kh; y++)
      for (let xx = 0; xx < kw; xx++)
        for (let i = 0; i < ci; i++)
          for (let o = 0; o < co; o++) {
            const v = w.data[((y * kw + xx) * ci + i) * co + o];
            if (depthwise) data[((i * co + o) * kh + y) * kw + xx] = v;
            else data[((o * ci + i) * kh + y) * kw + xx] = v;
          }
    const wName = ctx.init(`${node.name}/W`, 1, [outC, inPerGroup, kh, kw], data);

    const a: Record<string, AttrValue> = { kernel_shape: [kh, kw], strides: [sh, sw], dilations: [dh, dw] };
    if (depthwise) a.group = ci;
    let pads = [0, 0, 0, 0];
    if (padding === 'SAME') a.auto_pad = 'SAME_UPPER';
    else if (padding === 'EXPLICIT') {
      const e = attrs.ints(node.attr, 'explicit_paddings');
      pads = [e[2], e[4], e[3], e[5]];
      a.pads = pads;
    } else a.pads = pads;

    const fused = attrs.strs(node.attr, 'fused_ops');
    const inputs = [ctx.transpose(x.onnx, NHWC_TO_NCHW), wName];
    let extra = 2;
    if (fused[0] === 'BiasAdd') {
      const b = ctx.constInput(node, 2);
      inputs.push(ctx.init(`${node.name}/B`, 1, [outC], Float32Array.from(b.data)));
      extra = 3;
    } else if (fused.length > 0) {
      throw new Error(
        `${node.op} ${node.name}: fused ops ${fused.join(',')} not supported (only BiasAdd[,activation])`,
      );
    }
    let y = ctx.emit('Conv', inputs, a, node.name)[0];
    for (const act of fused.slice(1)) y = fusedActivation(ctx, node, y, act, extra);
    const out = ctx.transpose(y, NCHW_TO_NHWC, node.name);
    const s = x.shape;
    const shape = s && [
      s[0],
      spatialOut(s[1], kh, sh, dh, padding, pads[0], pads[2]),
      spatialOut(s[2], kw, sw, dw, padding, pads[1], pads[3]),
      outC,
    ];
    ctx.set(node.name, { onnx: out, dtype: 'float32', shape });
  };
}

/** MaxPool / AvgPool (NHWC ksize and strides). TF's SAME average excludes the padding, as ONNX's default does. */
function pool(op: 'MaxPool' | 'AveragePool'): Translator {
  return (node, ctx) => {
    const x = ctx.input(node, 0);
    const k = attrs.ints(node.attr, 'ksize');
    const s = attrs.ints(node.attr, 'strides');
    const padding = attrs.str(node.attr, 'padding', 'VALID');
    const a: Record<string, AttrValue> = { kernel_shape: [k[1], k[2]], strides: [s[1], s[2]] };
    if (padding === 'SAME') a.auto_pad = 'SAME_UPPER';
    else a.pads = [0, 0, 0, 0];
    const y = ctx.emit(op, [ctx.transpose(x.onnx, NHWC_TO_NCHW)], a, node.name)[0];
    const out = ctx.transpose(y, NCHW_TO_NHWC, node.name);
    const sh = x.shape;
    const shape = sh && [
      sh[0],
      spatialOut(sh[1], k[1], s[1], 1, padding, 0, 0),
      spatialOut(sh[2], k[2], s[2], 1, padding, 0, 0),
      sh[3],
    ];
    ctx.set(node.name, { onnx: out, dtype: x.dtype, shape });
  };
}

export const convOps: Record<string, Translator> = {
  Conv2D: convLike(false),
  _FusedConv2D: convLike(false),
  DepthwiseConv2dNative: convLike(true),
  FusedDepthwiseConv2dNative: convLike(true),
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
};
