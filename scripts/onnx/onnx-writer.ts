import { ProtoWriter } from './protobuf-writer';

/**
 * Encodes a small ONNX ModelProto from a plain description. Field numbers are those of onnx/onnx.proto
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto); only what our fixture graphs use is covered.
 */

/** ONNX TensorProto.DataType values for the two element types the bundle format allows. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export type OnnxElemType = typeof ONNX_FLOAT | typeof ONNX_INT64;

/** A graph input or output: a tensor whose dims are fixed sizes or symbolic names. */
export interface ValueInfo {
  name: string;
  elemType: OnnxElemType;
  dims: readonly (number | string)[];
}

/** A constant tensor stored in the file (little-endian raw_data). */
export interface Initializer {
  name: string;
  elemType: OnnxElemType;
  dims: readonly number[];
  values: readonly number[];
}

/** One operator of the default domain, without attributes (MatMul, Add, Gather with axis 0 ...). */
export interface GraphNode {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
}

/** A whole single-graph model. */
export interface ModelSpec {
  graphName: string;
  opset: number;
  inputs: readonly ValueInfo[];
  outputs: readonly ValueInfo[];
  initializers: readonly Initializer[];
  nodes: readonly GraphNode[];
  docString?: string;
}

/** IR version 8 is the one ONNX 1.12+ writes for opsets 14..17. */
const IR_VERSION = 8;

function rawData(init: Initializer): Uint8Array {
  const count = init.dims.reduce((a, b) => a * b, 1);
  if (count !== init.values.length) {
    throw new RangeError(`${init.name}: dims ${init.dims.join('x')} need ${count} values, got ${init.values.length}`);
  }
  if (init.elemType === ONNX_FLOAT) return new Uint8Array(Float32Array.from(init.values).buffer);
  return new Uint8Array(BigInt64Array.from(init.values, (v) => BigInt(v)).buffer);
}

function tensorProto(init: Initializer): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of init.dims) w.int(1, d);
  return w.int(2, init.elemType).string(8, init.name).bytes(9, rawData(init));
}

function valueInfoProto(info: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of info.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, info.elemType).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, info.name).message(2, type);
}

function nodeProto(node: GraphNode, index: number): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of node.inputs) w.string(1, i);
  for (const o of node.outputs) w.string(2, o);
  return w.string(3, `${node.opType.toLowerCase()}_${index}`).string(4, node.opType);
}

/** The serialized .onnx file. Little-endian hosts only (raw_data is little-endian by the ONNX spec). */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  spec.nodes.forEach((node, i) => graph.message(1, nodeProto(node, i)));
  graph.string(2, spec.graphName);
  for (const init of spec.initializers) graph.message(5, tensorProto(init));
  for (const input of spec.inputs) graph.message(11, valueInfoProto(input));
  for (const output of spec.outputs) graph.message(12, valueInfoProto(output));

  const model = new ProtoWriter()
    .int(1, IR_VERSION)
    .string(2, 'glance-scripts')
    .string(3, '1')
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, spec.opset));
  if (spec.docString) model.string(6, spec.docString);
  return model.finish();
}
