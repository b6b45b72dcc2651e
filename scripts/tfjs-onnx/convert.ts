import { ConvertContext, elemTypeOf } from './context';
import { TRANSLATORS } from './ops';
import type { TfDtype, TfGraph, TfNode } from './read-graph';
import { encodeOnnx, type OnnxModel } from './write-onnx';

/**
 * TF.js graph model -> ONNX model. Only the nodes that the requested outputs depend on are converted (so a graph
 * can be cut before its post-processing); an op without a translator is reported with every other missing op.
 */

export interface ConvertOptions {
  /** The placeholder to feed and what to call it in ONNX. */
  input: {
    tf: string;
    name: string;
    /** Override the placeholder dtype (e.g. float32 for a model whose TF input is int32 and cast at once). */
    dtype?: TfDtype;
    /** Reference shape for shape inference (defaults to the placeholder's). */
    shape?: number[];
    /** Symbolic names for dims that are free in ONNX (e.g. { 1: 'height', 2: 'width' }, { 0: 'batch' }). */
    dynamic?: Record<number, string>;
    /**
     * ONNX ops put in front of the graph (e.g. 0..255 -> -1..1, RGB -> grey), so every converted model takes
     * the same kind of input; `channels` is the ONNX input's last dim when it differs from the placeholder's.
     */
    prelude?: { channels?: number; build: (ctx: ConvertContext, input: string) => string };
  };
  /** TF tensors to expose, with their ONNX names. */
  outputs: { tf: string; name: string }[];
  graphName: string;
  opset?: number;
  docString?: string;
  metadata?: Record<string, string>;
}

export interface ConvertResult {
  model: OnnxModel;
  bytes: Uint8Array;
  /** TF op types converted, with counts. */
  opCounts: Record<string, number>;
  /** Output shapes at the reference input size. */
  outputShapes: Record<string, number[] | undefined>;
}

/** Nodes needed for `outputs`, in graph (topological) order. */
export function neededNodes(graph: TfGraph, outputs: string[], stopAt: string): TfNode[] {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const need = new Set<string>();
  const stack = outputs.map((o) => ConvertContext.ref(o).split(':')[0]);
  while (stack.length) {
    const name = stack.pop() as string;
    if (need.has(name) || name === stopAt) continue;
    const n = byName.get(name);
    if (!n) continue; // a Const or the placeholder
    need.add(name);
    for (const i of n.inputs) stack.push(i.split(':')[0]);
  }
  return graph.nodes.filter((n) => need.has(n.name));
}

export function convertGraph(graph: TfGraph, opts: ConvertOptions): ConvertResult {
  const ph = graph.placeholders.find((p) => p.name === opts.input.tf);
  if (!ph)
    throw new Error(`no placeholder ${opts.input.tf} (have ${graph.placeholders.map((p) => p.name).join(', ')})`);
  const nodes = neededNodes(
    graph,
    opts.outputs.map((o) => o.tf),
    ph.name,
  );
  const missing = [...new Set(nodes.map((n) => n.op).filter((op) => !TRANSLATORS[op]))];
  if (missing.length) throw new Error(`ops without a translator: ${missing.join(', ')}`);

  const ctx = new ConvertContext(graph);
  const dtype = opts.input.dtype ?? ph.dtype;
  const refShape = opts.input.shape ?? ph.shape;
  const fed = opts.input.prelude ? opts.input.prelude.build(ctx, opts.input.name) : opts.input.name;
  ctx.set(ph.name, { onnx: fed, dtype, shape: refShape });
  const onnxInShape = opts.input.prelude?.channels ? [...refShape.slice(0, -1), opts.input.prelude.channels] : refShape;
  const opCounts: Record<string, number> = {};
  for (const n of nodes) {
    try {
      TRANSLATORS[n.op](n, ctx);
    } catch (e) {
      throw new Error(`converting ${n.op} ${n.name}: ${(e as Error).message}`);
    }
    opCounts[n.op] = (opCounts[n.op] ?? 0) + 1;
  }

  const outputShapes: Record<string, number[] | undefined> = {};
  const outputs = opts.outputs.map((o) => {
    const v = ctx.input({ name: 'output', op: 'Output', inputs: [o.tf], attr: {} }, 0);
    ctx.nodes.push({ op: 'Identity', inputs: [v.onnx], outputs: [o.name], name: `output_${o.name}` });
    outputShapes[o.name] = v.shape;
    return { name: o.name, elemType: elemTypeOf(v.dtype), dims: symbolicDims(v.shape, opts, refShape, o.name) };
  });
  const model: OnnxModel = {
    graphName: opts.graphName,
    opset: opts.opset ?? 17,
    inputs: [
      {
        name: opts.input.name,
        elemType: elemTypeOf(dtype),
        dims: onnxInShape.map((d, i) => opts.input.dynamic?.[i] ?? d),
      },
    ],
    outputs,
    initializers: ctx.initializers,
    nodes: ctx.nodes,
    docString: opts.docString,
    metadata: opts.metadata,
  };
  return { model, bytes: encodeOnnx(model), opCounts, outputShapes };
}

/** Output dims: fixed where the input is fixed; a free batch, or the spatial dims of a free-size input, become names. */
function symbolicDims(
  shape: number[] | undefined,
  opts: ConvertOptions,
  refShape: number[],
  name: string,
): (number | string)[] {
  if (!shape) return [];
  const dyn = opts.input.dynamic;
  if (!dyn) return shape;
  // A free batch only: the outputs' first dim follows it.
  if (dyn[0] !== undefined && dyn[1] === undefined) return shape.map((d, i) => (i === 0 ? dyn[0] : d));
  return shape.map((d, i) =>
    i >= 1 && i <= 2 && refShape.length === 4 && shape.length === 4 ? `${name}_${i === 1 ? 'h' : 'w'}` : d,
  );
}
