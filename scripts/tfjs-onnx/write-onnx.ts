import { ProtoWriter } from '../onnx/protobuf-writer';

/**
 * An ONNX model under construction and its protobuf encoding (field numbers from onnx/onnx.proto). Unlike
 * scripts/onnx/onnx-writer.ts (fixture models: float/int64, no attributes) this covers what converted TF.js graphs
 * need: node attributes, int32/bool/int64/float tensors given as typed arrays, symbolic input dims, metadata.
 */

/**
 * TensorProto.DataType (uint8/int8 for quantized weights that DequantizeLinear turns back into floats; float16 given
 * as the raw IEEE half bits in a Uint16Array, for weights that a Cast turns back into floats).
 */
export const ElemType = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float16: 10 } as const;
export type ElemTypeId = (typeof ElemType)[keyof typeof ElemType];

export type AttrValue = number | string | number[] | { floats: number[] } | { float: number };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attrs?: Record<string, AttrValue>;
}

export interface OnnxTensor {
  name: string;
  elemType: ElemTypeId;
  dims: number[];
  data: Float32Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | Uint16Array;
}

export interface OnnxValueInfo {
  name: string;
  elemType: ElemTypeId;
  dims: (number | string)[];
}

export interface OnnxModel {
  graphName: string;
  opset: number;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: OnnxTensor[];
  nodes: OnnxNode[];
  docString?: string;
  metadata?: Record<string, string>;
}

const IR_VERSION = 8;

function attributeProto(name: string, value: AttrValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  // AttributeProto.type: FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7 (field 20).
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an int (use { float })`);
    return w.int64(3, value).int(20, 2);
  }
  if (typeof value === 'string') return w.string(4, value).int(20, 3);
  if (Array.isArray(value)) {
    for (const v of value) w.int64(8, v);
    return w.int(20, 7);
  }
  if ('float' in value) return w.float32(2, value.float).int(20, 1);
  for (const v of value.floats) w.float32(7, v);
  return w.int(20, 6);
}

function tensorProto(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return w.int(2, t.elemType).string(8, t.name).bytes(9, raw);
}

function valueInfoProto(info: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of info.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, info.elemType).message(2, shape);
  return new ProtoWriter().string(1, info.name).message(2, new ProtoWriter().message(1, tensorType));
}

function nodeProto(node: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of node.inputs) w.string(1, i);
  for (const o of node.outputs) w.string(2, o);
  w.string(3, node.name).string(4, node.op);
  for (const [k, v] of Object.entries(node.attrs ?? {})) w.message(5, attributeProto(k, v));
  return w;
}

/** The serialized .onnx bytes (little-endian hosts, as raw_data is little-endian). */
export function encodeOnnx(model: OnnxModel): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of model.nodes) graph.message(1, nodeProto(n));
  graph.string(2, model.graphName);
  for (const t of model.initializers) graph.message(5, tensorProto(t));
  for (const i of model.inputs) graph.message(11, valueInfoProto(i));
  for (const o of model.outputs) graph.message(12, valueInfoProto(o));
  const m = new ProtoWriter().int(1, IR_VERSION).string(2, 'glance-tfjs-onnx').string(3, '1');
  if (model.docString) m.string(6, model.docString);
  m.message(7, graph).message(8, new ProtoWriter().string(1, '').int(2, model.opset));
  for (const [k, v] of Object.entries(model.metadata ?? {})) m.message(14, new ProtoWriter().string(1, k).string(2, v));
  return m.finish();
}
