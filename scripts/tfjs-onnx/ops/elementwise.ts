import { attrs } from '../read-graph';
import { broadcastShapes, type Translator } from '../context';
import { ElemType } from '../write-onnx';

/**
 * Element-wise ops. Binary ops broadcast like numpy in both TF and ONNX, so they map one to one; TF's floor
 * division and floor modulo are rebuilt exactly (ONNX Div truncates integers; ONNX Mod with fmod=0 takes the
 * divisor's sign, as TF's FloorMod does).
 */

function binary(op: string): Translator {
  return (node, ctx) => {
    const a = ctx.input(node, 0);
    const b = ctx.input(node, 1);
    ctx.emitFor(node, op, [a.onnx, b.onnx], undefined, a.dtype, broadcastShapes(a.shape, b.shape));
  };
}

function compare(op: string): Translator {
  return (node, ctx) => {
    const a = ctx.input(node, 0);
    const b = ctx.input(node, 1);
    ctx.emitFor(node, op, [a.onnx, b.onnx], undefined, 'bool', broadcastShapes(a.shape, b.shape));
  };
}

function unary(op: string, extra?: Record<string, number | { float: number }>): Translator {
  return (node, ctx) => {
    const x = ctx.input(node, 0);
    ctx.emitFor(node, op, [x.onnx], extra, x.dtype, x.shape);
  };
}

export const elementwiseOps: Record<string, Translator> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  BiasAdd: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Div: binary('Div'),
  Maximum: binary('Max'),
  Minimum: binary('Min'),
  Pow: binary('Pow'),
  Equal: compare('Equal'),
  Greater: compare('Greater'),
  Less: compare('Less'),
  GreaterEqual: compare('GreaterOrEqual'),
  LessEqual: compare('LessOrEqual'),
  SquaredDifference: (node, ctx) => {
    const a = ctx.input(node, 0);
    const b = ctx.input(node, 1);
    const d = ctx.emit('Sub', [a.onnx, b.onnx])[0];
    ctx.emitFor(node, 'Mul', [d, d], undefined, a.dtype, broadcastShapes(a.shape, b.shape));
  },
  FloorDiv: (node, ctx) => {
    const a = ctx.input(node, 0);
    const b = ctx.input(node, 1);
    const shape = broadcastShapes(a.shape, b.shape);
    if (a.dtype === 'float32') {
      const q = ctx.emit('Div', [a.onnx, b.onnx])[0];
      ctx.emitFor(node, 'Floor', [q], undefined, 'float32', shape);
    } else {
      const m = ctx.emit('Mod', [a.onnx, b.onnx], { fmod: 0 })[0];
      const d = ctx.emit('Sub', [a.onnx, m])[0];
      ctx.emitFor(node, 'Div', [d, b.onnx], undefined, a.dtype, shape);
    }
  },
  FloorMod: (node, ctx) => {
    const a = ctx.input(node, 0);
    const b = ctx.input(node, 1);
    const shape = broadcastShapes(a.shape, b.shape);
    if (a.dtype === 'float32') {
      const q = ctx.emit('Floor', [ctx.emit('Div', [a.onnx, b.onnx])[0]])[0];
      const p = ctx.emit('Mul', [q, b.onnx])[0];
      ctx.emitFor(node, 'Sub', [a.onnx, p], undefined, 'float32', shape);
    } else ctx.emitFor(node, 'Mod', [a.onnx, b.onnx], { fmod: 0 }, a.dtype, shape);
  },
  Relu: unary('Relu'),
  Relu6: (node, ctx) => {
    const x = ctx.input(node, 0);
    ctx.emitFor(node, 'Clip', [x.onnx, ctx.f32('zero', [0], []), ctx.f32('six', [6], [])], undefined, x.dtype, x.shape);
  },
  Sigmoid: unary('Sigmoid'),
  Tanh: unary('Tanh'),
  Sqrt: unary('Sqrt'),
  Exp: unary('Exp'),
  Log: unary('Log'),
  Neg: unary('Neg'),
  Abs: unary('Abs'),
  Floor: unary('Floor'),
  Elu: unary('Elu'),
  Rsqrt: (node, ctx) => {
    const x = ctx.input(node, 0);
    ctx.emitFor(node, 'Reciprocal', [ctx.emit('Sqrt', [x.onnx])[0]], undefined, x.dtype, x.shape);
  },
  Square: (node, ctx) => {
    const x = ctx.input(node, 0);
    ctx.emitFor(node, 'Mul', [x.onnx, x.onnx], undefined, x.dtype, x.shape);
  },
  LeakyRelu: (node, ctx) => {
    const x = ctx.input(node, 0);
    ctx.emitFor(
      node,
      'LeakyRelu',
      [x.onnx],
      { alpha: { float: attrs.float(node.attr, 'alpha', 0.2) } },
      x.dtype,
      x.shape,
    );
  },
  /** TF Softmax is over the last axis; ONNX (opset >= 13) defaults to axis -1 too. */
  Softmax: unary('Softmax', { axis: -1 }),
  Identity: (node, ctx) => ctx.set(node.name, ctx.input(node, 0)),
  Cast: (node, ctx) => {
    const x = ctx.input(node, 0);
    const to = attrs.type(node.attr, 'DstT') ?? 'float32';
    const id = to === 'float32' ? ElemType.float : to === 'int32' ? ElemType.int32 : ElemType.bool;
    ctx.emitFor(node, 'Cast', [x.onnx], { to: id }, to, x.shape);
  },
};
