import { attrs } from '../read-graph';
import { ElemType } from '../write-onnx';
import type { Translator } from '../context';

/** Reductions (Mean, Max, Min, Prod with axes as attributes at opset 17; Sum with axes as input) and ArgMax/ArgMin. */

function reduce(op: string, axesAsInput: boolean): Translator {
  return (node, ctx) => {
    const x = ctx.input(node, 0);
    const axes = Array.from(ctx.constInput(node, 1).data);
    const keep = attrs.bool(node.attr, 'keep_dims', false);
    const r = x.shape?.length ?? 0;
    const ax = new Set(axes.map((a) => (a < 0 ? a + r : a)));
    const shape = x.shape && (keep ? x.shape.map((d, i) => (ax.has(i) ? 1 : d)) : x.shape.filter((_, i) => !ax.has(i)));
    if (axesAsInput) ctx.emitFor(node, op, [x.onnx, ctx.i64('axes', axes)], { keepdims: keep ? 1 : 0 }, x.dtype, shape);
    else ctx.emitFor(node, op, [x.onnx], { axes, keepdims: keep ? 1 : 0 }, x.dtype, shape);
  };
}

function arg(op: string): Translator {
  return (node, ctx) => {
    const x = ctx.input(node, 0);
    const axis = ctx.constInput(node, 1).data[0];
    const r = x.shape?.length ?? 0;
    const a = axis < 0 ? axis + r : axis;
    const [idx] = ctx.emit(op, [x.onnx], { axis, keepdims: 0 }, node.name);
    // TF.js holds every integer tensor as int32.
    ctx.emitFor(
      node,
      'Cast',
      [idx],
      { to: ElemType.int32 },
      'int32',
      x.shape?.filter((_, i) => i !== a),
    );
  };
}

export const reduceOps: Record<string, Translator> = {
  Mean: reduce('ReduceMean', false),
  Max: reduce('ReduceMax', false),
  Min: reduce('ReduceMin', false),
  Prod: reduce('ReduceProd', false),
  Sum: reduce('ReduceSum', true),
  ArgMax: arg('ArgMax'),
  ArgMin: arg('ArgMin'),
};
