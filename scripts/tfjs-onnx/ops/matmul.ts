import { attrs } from '../read-graph';
import { broadcastShapes, type Translator } from '../context';
import { fusedActivation } from './conv';

/**
 * MatMul and grappler's _FusedMatMul (MatMul + BiasAdd [+ activation], the dense layers of Keras heads), and AddN
 * (grappler's rewrite of chained residual adds). 2-D operands as in these inference graphs; transpose_a/b become
 * explicit Transposes of the constant or computed operand. AddN is a chain of binary Adds rather than ONNX Sum,
 * so only ops that every onnxruntime-web execution provider has are emitted.
 */

function matmul(fused: boolean): Translator {
  return (node, ctx) => {
    const a = ctx.input(node, 0);
    const b = ctx.input(node, 1);
    const ta = attrs.bool(node.attr, 'transpose_a', false);
    const tb = attrs.bool(node.attr, 'transpose_b', false);
    const ops = fused ? attrs.strs(node.attr, 'fused_ops') : [];
    if (fused && ops[0] !== 'BiasAdd') {
      throw new Error(`${node.op} ${node.name}: fused ops ${ops.join(',')} not supported (only BiasAdd[,activation])`);
    }
    const lhs = ta ? ctx.transpose(a.onnx, [1, 0], node.name) : a.onnx;
    const rhs = tb ? ctx.transpose(b.onnx, [1, 0], node.name) : b.onnx;
    const m = a.shape && (ta ? a.shape[1] : a.shape[0]);
    const n = b.shape && (tb ? b.shape[0] : b.shape[1]);
    const shape = m !== undefined && n !== undefined ? [m, n] : undefined;
    if (!fused) {
      ctx.emitFor(node, 'MatMul', [lhs, rhs], undefined, a.dtype, shape);
      return;
    }
    let y = ctx.emit('MatMul', [lhs, rhs], undefined, node.name)[0];
    y = ctx.emit('Add', [y, ctx.input(node, 2).onnx], undefined, node.name)[0];
    // fusedActivation works on any layout except Prelu's per-channel slope (NCHW); no dense layer here uses it.
    if (ops.includes('Prelu')) throw new Error(`${node.op} ${node.name}: fused Prelu not supported`);
    for (const act of ops.slice(1)) y = fusedActivation(ctx, node, y, act, 3);
    ctx.set(node.name, { onnx: y, dtype: a.dtype, shape });
  };
}

const addN: Translator = (node, ctx) => {
  const parts = node.inputs.map((_, i) => ctx.input(node, i));
  if (parts.length === 1) {
    ctx.set(node.name, parts[0]);
    return;
  }
  let shape = parts[0].shape;
  let y = parts[0].onnx;
  parts.slice(1).forEach((p, i) => {
    shape = broadcastShapes(shape, p.shape);
    if (i < parts.length - 2) y = ctx.emit('Add', [y, p.onnx], undefined, node.name)[0];
    else ctx.emitFor(node, 'Add', [y, p.onnx], undefined, parts[0].dtype, shape);
  });
};

export const matmulOps: Record<string, Translator> = {
  MatMul: matmul(false),
  _FusedMatMul: matmul(true),
  AddN: addN,
};
