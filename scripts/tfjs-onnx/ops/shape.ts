import { attrs } from '../read-graph';
import type { Translator } from '../context';
import { ElemType } from '../write-onnx';

/**
 * Shape and data-movement ops: Reshape, ExpandDims, Squeeze, ConcatV2, Pack, Unpack, Pad, Transpose, GatherV2,
 * GatherNd. Axes and shapes must be constants (true of converted inference graphs); ONNX takes them as int64.
 */

const norm = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

export const shapeOps: Record<string, Translator> = {
  Reshape: (node, ctx) => {
    const x = ctx.input(node, 0);
    const target = Array.from(ctx.constInput(node, 1).data);
    let shape: number[] | undefined;
    if (x.shape) {
      const total = x.shape.reduce((a, b) => a * b, 1);
      const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
      shape = target.map((d) => (d === -1 ? total / known : d));
    }
    ctx.emitFor(node, 'Reshape', [x.onnx, ctx.i64('shape', target)], undefined, x.dtype, shape);
  },
  ExpandDims: (node, ctx) => {
    const x = ctx.input(node, 0);
    const dim = ctx.constInput(node, 1).data[0];
    const rank = (x.shape?.length ?? 0) + 1;
    const axis = dim < 0 ? dim + rank : dim;
    const shape = x.shape && [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)];
    ctx.emitFor(node, 'Unsqueeze', [x.onnx, ctx.i64('axes', [dim])], undefined, x.dtype, shape);
  },
  Squeeze: (node, ctx) => {
    const x = ctx.input(node, 0);
    let dims = attrs.ints(node.attr, 'squeeze_dims');
    if (dims.length === 0) dims = attrs.ints(node.attr, 'axis');
    if (dims.length === 0) {
      if (!x.shape) throw new Error(`Squeeze ${node.name}: no axes and unknown shape`);
      dims = x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
    }
    const r = x.shape?.length ?? 0;
    const drop = new Set(dims.map((d) => norm(d, r)));
    const shape = x.shape?.filter((_, i) => !drop.has(i));
    ctx.emitFor(node, 'Squeeze', [x.onnx, ctx.i64('axes', dims)], undefined, x.dtype, shape);
  },
  ConcatV2: (node, ctx) => {
    const n = node.inputs.length - 1;
    const parts = Array.from({ length: n }, (_, i) => ctx.input(node, i));
    const axisRaw = ctx.constInput(node, n).data[0];
    const s0 = parts[0].shape;
    let shape: number[] | undefined;
    if (parts.every((p) => p.shape) && s0) {
      const axis = norm(axisRaw, s0.length);
      shape = [...s0];
      shape[axis] = parts.reduce((t, p) => t + (p.shape as number[])[axis], 0);
    }
    ctx.emitFor(
      node,
      'Concat',
      parts.map((p) => p.onnx),
      { axis: axisRaw },
      parts[0].dtype,
      shape,
    );
  },
  Pack: (node, ctx) => {
    const axis = attrs.int(node.attr, 'axis', 0);
    const parts = node.inputs.map((_, i) => ctx.input(node, i));
    const unsq = parts.map((p) => ctx.emit('Unsqueeze', [p.onnx, ctx.i64('axes', [axis])])[0]);
    const s = parts[0].shape;
    let shape: number[] | undefined;
    if (s) {
      const a = axis < 0 ? axis + s.length + 1 : axis;
      shape = [...s.slice(0, a), parts.length, ...s.slice(a)];
    }
    ctx.emitFor(node, 'Concat', unsq, { axis }, parts[0].dtype, shape);
  },
  Unpack: (node, ctx) => {
    const x = ctx.input(node, 0);
    const num = attrs.int(node.attr, 'num');
    const axis = attrs.int(node.attr, 'axis', 0);
    const outs = ctx.emit('Split', [x.onnx, ctx.i64('split', new Array(num).fill(1))], { axis }, node.name, num);
    const shape = x.shape?.filter((_, i) => i !== norm(axis, x.shape?.length ?? 0));
    outs.forEach((o, k) => {
      const [sq] = ctx.emit('Squeeze', [o, ctx.i64('axes', [axis])], undefined, node.name);
      ctx.set(k === 0 ? node.name : `${node.name}:${k}`, { onnx: sq, dtype: x.dtype, shape });
    });
  },
  Pad: (node, ctx) => pad(node, ctx),
  PadV2: (node, ctx) => pad(node, ctx),
  Transpose: (node, ctx) => {
    const x = ctx.input(node, 0);
    const perm = Array.from(ctx.constInput(node, 1).data);
    ctx.emitFor(node, 'Transpose', [x.onnx], { perm }, x.dtype, x.shape && perm.map((p) => (x.shape as number[])[p]));
  },
  GatherV2: (node, ctx) => {
    const x = ctx.input(node, 0);
    const idx = ctx.input(node, 1);
    const axis = ctx.constInput(node, 2).data[0];
    if (attrs.int(node.attr, 'batch_dims', 0) !== 0) throw new Error(`GatherV2 ${node.name}: batch_dims not supported`);
    let shape: number[] | undefined;
    if (x.shape && idx.shape) {
      const a = norm(axis, x.shape.length);
      shape = [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)];
    }
    ctx.emitFor(node, 'Gather', [x.onnx, ctx.toInt64(idx)], { axis }, x.dtype, shape);
  },
  GatherNd: (node, ctx) => {
    const x = ctx.input(node, 0);
    const idx = ctx.input(node, 1);
    if (!x.shape || !idx.shape) {
      ctx.emitFor(node, 'GatherND', [x.onnx, ctx.toInt64(idx)], undefined, x.dtype);
      return;
    }
    // onnxruntime-web's WebGPU GatherND kernel fails at run time (seen on MoveNet's keypoint lookup), so the
    // lookup becomes a flat Gather: row = sum(index_i * stride_i) over the leading `depth` axes of x, which
    // are flattened into one. The sum is taken in float (exact below 2^24, far above any tensor here).
    const depth = idx.shape[idx.shape.length - 1];
    const lead = x.shape.slice(0, depth);
    const rest = x.shape.slice(depth);
    const strides = lead.map((_, i) => lead.slice(i + 1).reduce((a, b) => a * b, 1));
    const rows = lead.reduce((a, b) => a * b, 1);
    const asFloat = ctx.emit('Cast', [idx.onnx], { to: ElemType.float }, `${node.name}_idx_f`)[0];
    const scaled = ctx.emit('Mul', [asFloat, ctx.f32('nd_strides', strides)], undefined, `${node.name}_scaled`)[0];
    const summed = ctx.emit('ReduceSum', [scaled, ctx.i64('axes', [-1])], { keepdims: 0 }, `${node.name}_row_f`)[0];
    const row = ctx.emit('Cast', [summed], { to: ElemType.int32 }, `${node.name}_row`)[0];
    const flat = ctx.emit('Reshape', [x.onnx, ctx.i64('shape', [rows, ...rest])], undefined, `${node.name}_flat`)[0];
    const shape = [...idx.shape.slice(0, -1), ...rest];
    ctx.emitFor(node, 'Gather', [flat, row], { axis: 0 }, x.dtype, shape);
  },
};

function pad(node: Parameters<Translator>[0], ctx: Parameters<Translator>[1]): void {
  const x = ctx.input(node, 0);
  const p = Array.from(ctx.constInput(node, 1).data);
  const r = p.length / 2;
  const begins = Array.from({ length: r }, (_, i) => p[2 * i]);
  const ends = Array.from({ length: r }, (_, i) => p[2 * i + 1]);
  const inputs = [x.onnx, ctx.i64('pads', [...begins, ...ends])];
  if (node.op === 'PadV2') inputs.push(ctx.input(node, 2).onnx);
  const shape = x.shape?.map((d, i) => d + begins[i] + ends[i]);
  ctx.emitFor(node, 'Pad', inputs, { mode: 'constant' }, x.dtype, shape);
}
