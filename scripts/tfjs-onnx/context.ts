import type { TfDtype, TfGraph, TfNode, TfTensor } from './read-graph';
import { ElemType, type AttrValue, type ElemTypeId, type OnnxNode, type OnnxTensor } from './write-onnx';

/**
 * The state of one conversion: which ONNX tensor stands for each TF tensor, its dtype and its static shape at the
 * reference input size (used to compute resize scales and the like; the emitted graph itself avoids fixed sizes
 * wherever the op allows). TF tensors are kept in TF's own layout (NHWC); ops that ONNX defines on NCHW are
 * wrapped in Transposes, which onnxruntime's transpose optimizer folds away at session creation.
 */

export interface Value {
  /** Name of the ONNX tensor. */
  onnx: string;
  dtype: TfDtype;
  /** Static shape at the reference input size; undefined when not inferred. */
  shape?: number[];
}

export type Translator = (node: TfNode, ctx: ConvertContext) => void;

export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

export function elemTypeOf(dtype: TfDtype): ElemTypeId {
  return dtype === 'float32' ? ElemType.float : dtype === 'int32' ? ElemType.int32 : ElemType.bool;
}

export function broadcastShapes(a?: number[], b?: number[]): number[] | undefined {
  if (!a || !b) return undefined;
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`shapes ${a} and ${b} do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

export class ConvertContext {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly values = new Map<string, Value>();
  private readonly materialised = new Map<string, Value>();
  private counter = 0;

  constructor(readonly graph: TfGraph) {}

  /** Canonical TF tensor reference: `node` for output 0, `node:k` otherwise. */
  static ref(name: string): string {
    return name.endsWith(':0') ? name.slice(0, -2) : name;
  }

  fresh(hint: string): string {
    return `${hint.replace(/[^A-Za-z0-9_/.-]/g, '_')}__${this.counter++}`;
  }

  set(tfRef: string, value: Value): void {
    this.values.set(ConvertContext.ref(tfRef), value);
  }

  /** The constant behind a TF tensor reference (a Const node), or undefined. */
  constOf(tfRef: string): TfTensor | undefined {
    return this.graph.consts.get(ConvertContext.ref(tfRef));
  }

  /** Input `i` of `node` as an ONNX value; a Const is materialised as an initializer on first use. */
  input(node: TfNode, i: number): Value {
    const ref = ConvertContext.ref(node.inputs[i] ?? '');
    const v = this.values.get(ref);
    if (v) return v;
    const c = this.graph.consts.get(ref);
    if (!c) throw new Error(`${node.op} ${node.name}: input ${i} (${node.inputs[i]}) is not available`);
    let m = this.materialised.get(ref);
    if (!m) {
      const name = this.fresh(ref);
      const data = c.dtype === 'bool' ? Uint8Array.from(c.data) : c.data;
      this.initializers.push({ name, elemType: elemTypeOf(c.dtype), dims: c.shape, data });
      m = { onnx: name, dtype: c.dtype, shape: c.shape };
      this.materialised.set(ref, m);
    }
    return m;
  }

  /** A constant input's values, required (e.g. an axis or a reshape target). */
  constInput(node: TfNode, i: number): TfTensor {
    const c = this.constOf(node.inputs[i] ?? '');
    if (!c) throw new Error(`${node.op} ${node.name}: input ${i} must be a constant for this converter`);
    return c;
  }

  init(hint: string, elemType: ElemTypeId, dims: number[], data: OnnxTensor['data']): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, elemType, dims, data });
    return name;
  }

  i64(hint: string, values: number[], dims: number[] = [values.length]): string {
    return this.init(
      hint,
      ElemType.int64,
      dims,
      BigInt64Array.from(values, (v) => BigInt(v)),
    );
  }

  f32(hint: string, values: number[], dims: number[] = [values.length]): string {
    return this.init(hint, ElemType.float, dims, Float32Array.from(values));
  }

  /** Appends one ONNX node; returns its output names. */
  emit(op: string, inputs: string[], attrs?: Record<string, AttrValue>, hint = op, outputs = 1): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(hint));
    this.nodes.push({ op, inputs, outputs: outs, name: this.fresh(`${op}`), attrs });
    return outs;
  }

  /** Emits a single-output node and binds it to TF output 0 of `node`. */
  emitFor(
    node: TfNode,
    op: string,
    inputs: string[],
    attrs: Record<string, AttrValue> | undefined,
    dtype: TfDtype,
    shape?: number[],
  ): Value {
    const [out] = this.emit(op, inputs, attrs, node.name);
    const v = { onnx: out, dtype, shape };
    this.set(node.name, v);
    return v;
  }

  transpose(x: string, perm: number[], hint = 'transpose'): string {
    return this.emit('Transpose', [x], { perm }, hint)[0];
  }

  /** Cast to int64 (ONNX wants int64 for shapes, axes, gather indices). */
  toInt64(v: Value): string {
    return this.emit('Cast', [v.onnx], { to: ElemType.int64 }, `${v.onnx}_i64`)[0];
  }
}

export function permute(shape: number[] | undefined, perm: number[]): number[] | undefined {
  return shape ? perm.map((p) => shape[p]) : undefined;
}
