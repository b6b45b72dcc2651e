import {
  ElemType,
  type AttrValue,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from '../tfjs-onnx/write-onnx';
import { float16Value, toFloat16 } from './float16';
import { quantizeInt8 } from './quantize';

/**
 * fp32: weights stored as floats. fp16: weights stored as IEEE halves, a Cast to float in the graph (inputs and
 * outputs stay float). q8: weights stored as int8 + scale + zero point, DequantizeLinear in the graph.
 */
export type WeightFormat = 'fp32' | 'fp16' | 'q8';

/** Opset 17: ReduceMean still takes `axes` as an attribute there; DequantizeLinear is opset 13 and up. */
export const OPSET = 17;

/** Accumulates one graph's nodes and initializers; node names are stable so regenerated files are byte-identical. */
export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];

  constructor(private readonly format: WeightFormat) {}

  node(op: string, inputs: string[], output: string, attrs?: Record<string, AttrValue>): string {
    this.nodes.push({ op, inputs, outputs: [output], name: `${op}_${this.nodes.length}`, attrs });
    return output;
  }

  /** A structural constant (shapes, permutations): always int64, never quantized. */
  int64(name: string, values: number[]): string {
    this.initializers.push({
      name,
      elemType: ElemType.int64,
      dims: [values.length],
      data: BigInt64Array.from(values, (v) => BigInt(v)),
    });
    return name;
  }

  /** A learned weight, row-major `dims`; returns the name of the float tensor the rest of the graph reads. */
  weight(name: string, dims: number[], values: Float32Array): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new RangeError(`${name}: ${dims.join('x')} needs ${count} values`);
    if (this.format === 'fp32') {
      this.initializers.push({ name, elemType: ElemType.float, dims, data: values });
      return name;
    }
    if (this.format === 'fp16') {
      const data = toFloat16(values);
      // The designed weights are small integers, exact in half precision; a lossy weight would change the answers.
      const lossy = values.findIndex((v, i) => float16Value(data[i]) !== v);
      if (lossy >= 0) throw new RangeError(`${name}[${lossy}] = ${values[lossy]} is not exact in float16`);
      this.initializers.push({ name: `${name}_fp16`, elemType: ElemType.float16, dims, data });
      return this.node('Cast', [`${name}_fp16`], name, { to: ElemType.float });
    }
    const { data, scale } = quantizeInt8(values);
    this.initializers.push(
      { name: `${name}_quantized`, elemType: ElemType.int8, dims, data },
      { name: `${name}_scale`, elemType: ElemType.float, dims: [], data: Float32Array.of(scale) },
      { name: `${name}_zero_point`, elemType: ElemType.int8, dims: [], data: Int8Array.of(0) },
    );
    return this.node('DequantizeLinear', [`${name}_quantized`, `${name}_scale`, `${name}_zero_point`], name);
  }

  build(graphName: string, inputs: OnnxValueInfo[], outputs: OnnxValueInfo[], docString: string): OnnxModel {
    return {
      graphName,
      opset: OPSET,
      inputs,
      outputs,
      initializers: this.initializers,
      nodes: this.nodes,
      docString,
    };
  }
}
