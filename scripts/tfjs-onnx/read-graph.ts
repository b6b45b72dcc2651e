import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Reads a TF.js graph model (`model.json` + its `.bin` shards) into plain data: the node list and every constant
 * as a float32/int32/bool array, with the weight quantisation undone (float16, uint8/uint16 affine).
 * Format: https://www.tensorflow.org/js/guide/save_load (weightsManifest) and tfjs-converter's GraphDef JSON.
 */

export type TfDtype = 'float32' | 'int32' | 'bool';

export interface TfTensor {
  dtype: TfDtype;
  shape: number[];
  /** float32 values for float32; int32 for int32 and bool (0/1). */
  data: Float32Array | Int32Array;
}

/** A TF attribute value as TF.js JSON holds it (`{ i: "3" }`, `{ list: { i: [...] } }`, `{ s: base64 }` ...). */
export type TfAttr = Record<string, unknown>;

export interface TfNode {
  name: string;
  op: string;
  /** Data inputs (control inputs `^x` dropped), as `node` or `node:k`. */
  inputs: string[];
  attr: Record<string, TfAttr>;
}

export interface TfGraph {
  nodes: TfNode[];
  /** Constant tensors by node name. */
  consts: Map<string, TfTensor>;
  /** Placeholders: name, dtype, shape (-1 for unknown dims). */
  placeholders: { name: string; dtype: TfDtype; shape: number[] }[];
  /** Signature outputs when the JSON has a signature (names without `:0`). */
  signatureOutputs: string[];
  /** Free-form provenance fields (generatedBy, convertedBy). */
  meta: Record<string, string>;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number; original_dtype?: string };
}

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: { node: { name: string; op: string; input?: string[]; attr?: Record<string, TfAttr> }[] };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  signature?: { outputs?: Record<string, { name: string }> };
}

const DT: Record<string, TfDtype> = { DT_FLOAT: 'float32', DT_INT32: 'int32', DT_BOOL: 'bool' };

/** IEEE 754 half -> float (subnormals, inf and NaN included). */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

const HALF_TABLE = (() => {
  const t = new Float32Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = halfToFloat(i);
  return t;
})();

function decodeWeight(spec: WeightSpec, bytes: Uint8Array): { tensor: TfTensor; byteLength: number } {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = DT[`DT_${spec.dtype === 'float32' ? 'FLOAT' : spec.dtype.toUpperCase()}`];
  if (!dtype) throw new Error(`weight ${spec.name}: unsupported dtype ${spec.dtype}`);
  const q = spec.quantization;
  const width = q ? (q.dtype === 'uint8' ? 1 : 2) : dtype === 'bool' ? 1 : 4;
  if (bytes.length < width * count) throw new Error(`weight ${spec.name}: the shards end before the manifest says`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (q) {
    const out = dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
    if (q.dtype === 'float16') {
      for (let i = 0; i < count; i++) out[i] = HALF_TABLE[view.getUint16(2 * i, true)];
      return { tensor: { dtype, shape: spec.shape, data: out }, byteLength: 2 * count };
    }
    if (q.dtype === 'uint8' || q.dtype === 'uint16') {
      const wide = q.dtype === 'uint16';
      const min = q.min ?? 0;
      const scale = q.scale ?? 1;
      for (let i = 0; i < count; i++) out[i] = (wide ? view.getUint16(2 * i, true) : bytes[i]) * scale + min;
      return { tensor: { dtype, shape: spec.shape, data: out }, byteLength: (wide ? 2 : 1) * count };
    }
    throw new Error(`weight ${spec.name}: unsupported quantization ${q.dtype}`);
  }
  if (dtype === 'float32') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
    return { tensor: { dtype, shape: spec.shape, data: out }, byteLength: 4 * count };
  }
  if (dtype === 'int32') {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
    return { tensor: { dtype, shape: spec.shape, data: out }, byteLength: 4 * count };
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes[i] ? 1 : 0;
  return { tensor: { dtype, shape: spec.shape, data: out }, byteLength: count };
}

/** Parses a model JSON object plus the concatenated bytes of all its weight shards (manifest order). */
export function parseGraph(json: ModelJson, weightBytes: Uint8Array): TfGraph {
  if (json.format && json.format !== 'graph-model') throw new Error(`not a TF.js graph model (format ${json.format})`);
  const consts = new Map<string, TfTensor>();
  let at = 0;
  for (const group of json.weightsManifest) {
    for (const spec of group.weights) {
      const { tensor, byteLength } = decodeWeight(spec, weightBytes.subarray(at));
      consts.set(spec.name, tensor);
      at += byteLength;
    }
  }
  if (at !== weightBytes.length)
    throw new Error(`weights: manifest covers ${at} bytes, shards hold ${weightBytes.length}`);

  const nodes: TfNode[] = [];
  const placeholders: TfGraph['placeholders'] = [];
  for (const n of json.modelTopology.node) {
    const attr = n.attr ?? {};
    if (n.op === 'Const') {
      if (!consts.has(n.name)) consts.set(n.name, inlineConst(n.name, attr));
      continue;
    }
    if (n.op === 'Placeholder') {
      const dt = DT[String((attr.dtype as { type?: string })?.type)] ?? 'float32';
      const dims = ((attr.shape as { shape?: { dim?: { size: string }[] } })?.shape?.dim ?? []).map((d) =>
        Number(d.size),
      );
      placeholders.push({ name: n.name, dtype: dt, shape: dims });
      continue;
    }
    nodes.push({ name: n.name, op: n.op, inputs: (n.input ?? []).filter((i) => !i.startsWith('^')), attr });
  }
  const signatureOutputs = Object.values(json.signature?.outputs ?? {}).map((o) => o.name.replace(/:0$/, ''));
  const meta: Record<string, string> = {};
  if (json.generatedBy) meta.generatedBy = json.generatedBy;
  if (json.convertedBy) meta.convertedBy = json.convertedBy;
  return { nodes, consts, placeholders, signatureOutputs, meta };
}

/** A Const with no manifest entry: a scalar/empty value stored in the JSON itself (rare in converted models). */
function inlineConst(name: string, attr: Record<string, TfAttr>): TfTensor {
  const t = (attr.value as { tensor?: Record<string, unknown> })?.tensor ?? {};
  const dtype = DT[String(t.dtype)] ?? 'float32';
  const shape = ((t.tensorShape as { dim?: { size: string }[] })?.dim ?? []).map((d) => Number(d.size));
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== 0) throw new Error(`const ${name}: value not in the weights manifest`);
  return { dtype, shape, data: dtype === 'float32' ? new Float32Array(0) : new Int32Array(0) };
}

/** Loads `path/to/X.json` and its shards from disk. */
export function readGraphModel(jsonPath: string): TfGraph {
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  const parts = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dirname(jsonPath), p))));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return parseGraph(json, bytes);
}

/** Attribute helpers (TF.js JSON stores int64 as strings, strings as base64). */
export const attrs = {
  int(a: Record<string, TfAttr>, key: string, fallback?: number): number {
    const v = a[key];
    if (v === undefined || v.i === undefined) {
      if (fallback === undefined) throw new Error(`missing int attribute ${key}`);
      return fallback;
    }
    return Number(v.i);
  },
  ints(a: Record<string, TfAttr>, key: string): number[] {
    const list = (a[key]?.list as { i?: string[] } | undefined)?.i;
    return (list ?? []).map(Number);
  },
  float(a: Record<string, TfAttr>, key: string, fallback: number): number {
    const v = a[key]?.f;
    return v === undefined ? fallback : Number(v);
  },
  bool(a: Record<string, TfAttr>, key: string, fallback = false): boolean {
    const v = a[key]?.b;
    return v === undefined ? fallback : Boolean(v);
  },
  str(a: Record<string, TfAttr>, key: string, fallback = ''): string {
    const v = a[key]?.s;
    return v === undefined ? fallback : Buffer.from(String(v), 'base64').toString('utf8');
  },
  strs(a: Record<string, TfAttr>, key: string): string[] {
    const list = (a[key]?.list as { s?: string[] } | undefined)?.s;
    return (list ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
  },
  type(a: Record<string, TfAttr>, key: string): TfDtype | undefined {
    const v = a[key]?.type;
    return v === undefined ? undefined : DT[String(v)];
  },
};
