import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { convertGraph, type ConvertOptions } from '../convert';
import { parseGraph } from '../read-graph';

/**
 * Builds tiny TF.js graph models by hand (model.json topology + weight bytes) for the converter's unit tests, and
 * runs one through both TF.js (CPU) and the converted ONNX file (onnxruntime-node).
 */

type Dt = 'float32' | 'int32';
const DT = { float32: 'DT_FLOAT', int32: 'DT_INT32' } as const;

const b64 = (s: string) => Buffer.from(s).toString('base64');
export const A = {
  s: (v: string) => ({ s: b64(v) }),
  i: (v: number) => ({ i: String(v) }),
  f: (v: number) => ({ f: v }),
  b: (v: boolean) => ({ b: v }),
  t: (v: Dt) => ({ type: DT[v] }),
  ints: (v: number[]) => ({ list: { i: v.map(String) } }),
  strs: (v: string[]) => ({ list: { s: v.map(b64) } }),
};

/** float -> IEEE half bits (round to nearest; enough for test values). */
function toHalf(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) return sign;
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | Math.round(mant / 8192);
}

export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export class TinyGraph {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly specs: Record<string, unknown>[] = [];
  private readonly chunks: Uint8Array[] = [];

  input(name: string, shape: number[], dtype: Dt = 'float32'): string {
    this.nodes.push({
      name,
      op: 'Placeholder',
      attr: { dtype: A.t(dtype), shape: { shape: { dim: shape.map((d) => ({ size: String(d) })) } } },
    });
    return name;
  }

  /** A constant; `quant` stores it float16 or uint8-affine as tfjs-converter does. */
  const(name: string, values: number[], shape: number[], dtype: Dt = 'float32', quant?: 'float16' | 'uint8'): string {
    this.nodes.push({
      name,
      op: 'Const',
      attr: {
        dtype: A.t(dtype),
        value: { tensor: { dtype: DT[dtype], tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } },
      },
    });
    const spec: Record<string, unknown> = { name, shape, dtype };
    if (quant === 'float16') {
      spec.quantization = { dtype: 'float16', original_dtype: 'float32' };
      this.chunks.push(new Uint8Array(Uint16Array.from(values, toHalf).buffer));
    } else if (quant === 'uint8') {
      const min = Math.min(...values);
      const scale = (Math.max(...values) - min) / 255 || 1;
      spec.quantization = { dtype: 'uint8', min, scale, original_dtype: 'float32' };
      this.chunks.push(Uint8Array.from(values, (v) => Math.round((v - min) / scale)));
    } else {
      this.chunks.push(
        new Uint8Array((dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values)).buffer),
      );
    }
    this.specs.push(spec);
    return name;
  }

  op(name: string, op: string, inputs: string[], attr: Record<string, unknown> = {}): string {
    this.nodes.push({ name, op, input: inputs, attr: { T: A.t('float32'), ...attr } });
    return name;
  }

  model(): { json: Record<string, unknown>; weights: Uint8Array } {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const weights = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      weights.set(c, at);
      at += c.length;
    }
    return {
      json: {
        format: 'graph-model',
        modelTopology: { node: this.nodes, library: {}, versions: { producer: 1 } },
        weightsManifest: [{ paths: ['w.bin'], weights: this.specs }],
      },
      weights,
    };
  }
}

export interface Compared {
  name: string;
  dims: readonly number[];
  onnx: Float32Array | Int32Array;
  tfjs: Float32Array | Int32Array;
  maxDiff: number;
}

/** Converts `g`, runs TF.js and onnxruntime on `input`, returns each output side by side. */
export async function compare(
  g: TinyGraph,
  input: { name: string; dims: number[]; data: Float32Array | Int32Array; dtype?: Dt },
  outputs: string[],
  extra: Partial<ConvertOptions['input']> = {},
): Promise<Compared[]> {
  const { json, weights } = g.model();
  const graph = parseGraph(json as never, weights);
  const res = convertGraph(graph, {
    graphName: 'tiny',
    input: { tf: input.name, name: 'x', ...extra },
    outputs: outputs.map((o, i) => ({ tf: o, name: `y${i}` })),
  });
  const session = await ort.InferenceSession.create(res.bytes);
  const dtype = input.dtype ?? 'float32';
  const onnx = await session.run({ x: new ort.Tensor(dtype, input.data, input.dims) });

  await tf.setBackend('cpu');
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: (json as { modelTopology: object }).modelTopology,
      weightSpecs: (json as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }).weightsManifest[0]
        .weights,
      weightData,
    }),
  );
  const x = tf.tensor(input.data, input.dims, dtype);
  const ref = (await model.executeAsync(x, outputs)) as tf.Tensor | tf.Tensor[];
  const refs = Array.isArray(ref) ? ref : [ref];
  const out: Compared[] = [];
  for (let i = 0; i < outputs.length; i++) {
    const o = onnx[`y${i}`];
    const t = refs[i];
    const a = o.data as Float32Array | Int32Array;
    const b = (await t.data()) as Float32Array | Int32Array;
    let maxDiff = a.length === b.length && o.dims.join() === t.shape.join() ? 0 : Infinity;
    for (let k = 0; k < a.length && maxDiff !== Infinity; k++)
      maxDiff = Math.max(maxDiff, Math.abs(Number(a[k]) - Number(b[k])));
    out.push({ name: outputs[i], dims: o.dims, onnx: a, tfjs: b, maxDiff });
  }
  tf.dispose([x, ...refs]);
  model.dispose();
  return out;
}

export function randomInput(dims: number[], seed = 1, lo = -2, hi = 2): Float32Array {
  const r = seeded(seed);
  return Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * r());
}
