import { describe, expect, it } from 'vitest';
import { halfToFloat, parseGraph } from './read-graph';
import { convertGraph } from './convert';
import { A, compare, randomInput, seeded, TinyGraph } from './test/tiny-graph';
import * as ort from 'onnxruntime-node';

// Each op family is checked on a tiny hand-built TF.js graph: TF.js (CPU) and the converted ONNX file
// (onnxruntime-node) must agree to float32 rounding.

const rand = (n: number, seed: number, scale = 1) => {
  const r = seeded(seed);
  return Array.from({ length: n }, () => (r() * 2 - 1) * scale);
};

function expectClose(results: { name: string; maxDiff: number }[], tol = 1e-5) {
  for (const r of results)
    expect({ name: r.name, maxDiff: r.maxDiff }).toEqual({ name: r.name, maxDiff: expect.any(Number) });
  for (const r of results) expect(r.maxDiff, r.name).toBeLessThanOrEqual(tol);
}

describe('read-graph', () => {
  it('decodes IEEE half floats', () => {
    expect([0x3c00, 0xc000, 0x3555, 0x0001, 0x7c00].map(halfToFloat)).toEqual([
      1,
      -2,
      0.333251953125,
      2 ** -24,
      Infinity,
    ]);
  });

  it('dequantises float16 and uint8 weights and keeps int32 ones', () => {
    const g = new TinyGraph();
    g.input('x', [1]);
    g.const('h', [0.5, -1.25, 3], [3], 'float32', 'float16');
    g.const('u', [0, 1, 2.55], [3], 'float32', 'uint8');
    g.const('i', [7, -3], [2], 'int32');
    const { json, weights } = g.model();
    const graph = parseGraph(json as never, weights);
    expect(Array.from(graph.consts.get('h')!.data)).toEqual([0.5, -1.25, 3]);
    expect(Array.from(graph.consts.get('u')!.data).map((v) => Number(v.toFixed(5)))).toEqual([0, 1, 2.55]);
    expect(Array.from(graph.consts.get('i')!.data)).toEqual([7, -3]);
    expect(graph.placeholders).toEqual([{ name: 'x', dtype: 'float32', shape: [1] }]);
  });

  it('refuses a weight file that does not match the manifest', () => {
    const g = new TinyGraph();
    g.const('h', [1, 2], [2]);
    const { json, weights } = g.model();
    expect(() => parseGraph(json as never, weights.subarray(0, 4))).toThrow(/manifest/);
  });
});

describe('convert: convolutions and pooling', () => {
  it('_FusedConv2D (BiasAdd+Relu6, SAME, stride 2, odd size), Conv2D VALID dilated, depthwise (x2, fused), pools', async () => {
    const g = new TinyGraph();
    g.input('x', [1, 7, 7, 3]);
    g.const('w1', rand(3 * 3 * 3 * 4, 1), [3, 3, 3, 4], 'float32', 'float16');
    g.const('b1', rand(4, 2), [4]);
    g.op('c1', '_FusedConv2D', ['x', 'w1', 'b1'], {
      strides: A.ints([1, 2, 2, 1]),
      padding: A.s('SAME'),
      data_format: A.s('NHWC'),
      dilations: A.ints([1, 1, 1, 1]),
      fused_ops: A.strs(['BiasAdd', 'Relu6']),
      num_args: A.i(1),
      epsilon: A.f(0),
    });
    g.const('w2', rand(2 * 2 * 3 * 2, 3), [2, 2, 3, 2]);
    g.op('c2', 'Conv2D', ['x', 'w2'], {
      strides: A.ints([1, 1, 1, 1]),
      padding: A.s('VALID'),
      data_format: A.s('NHWC'),
      dilations: A.ints([1, 2, 2, 1]),
    });
    g.const('dw', rand(3 * 3 * 3 * 2, 4), [3, 3, 3, 2]);
    g.const('db', rand(6, 5), [6]);
    g.op('d1', 'FusedDepthwiseConv2dNative', ['x', 'dw', 'db'], {
      strides: A.ints([1, 1, 1, 1]),
      padding: A.s('SAME'),
      data_format: A.s('NHWC'),
      dilations: A.ints([1, 1, 1, 1]),
      fused_ops: A.strs(['BiasAdd', 'Relu']),
      num_args: A.i(1),
    });
    g.op('d2', 'DepthwiseConv2dNative', ['x', 'dw'], {
      strides: A.ints([1, 2, 2, 1]),
      padding: A.s('VALID'),
      data_format: A.s('NHWC'),
      dilations: A.ints([1, 1, 1, 1]),
    });
    g.op('p1', 'MaxPool', ['x'], {
      ksize: A.ints([1, 3, 3, 1]),
      strides: A.ints([1, 2, 2, 1]),
      padding: A.s('SAME'),
      data_format: A.s('NHWC'),
    });
    g.op('p2', 'AvgPool', ['x'], {
      ksize: A.ints([1, 2, 2, 1]),
      strides: A.ints([1, 2, 2, 1]),
      padding: A.s('VALID'),
      data_format: A.s('NHWC'),
    });
    const res = await compare(g, { name: 'x', dims: [1, 7, 7, 3], data: randomInput([1, 7, 7, 3], 7) }, [
      'c1',
      'c2',
      'd1',
      'd2',
      'p1',
      'p2',
    ]);
    expect(res.map((r) => r.dims.join('x'))).toEqual([
      '1x4x4x4',
      '1x5x5x2',
      '1x7x7x6',
      '1x3x3x6',
      '1x4x4x3',
      '1x3x3x3',
    ]);
    expectClose(res);
  });
});

describe('convert: element-wise ops', () => {
  it('binary with broadcasting, activations, floor division/modulo, softmax, cast', async () => {
    const g = new TinyGraph();
    g.input('x', [2, 3, 4]);
    g.const('c', [0.5, -1.5, 2, 3], [4]);
    g.const('s', [3], []);
    g.op('add', 'AddV2', ['x', 'c']);
    g.op('sub', 'Sub', ['c', 'x']);
    g.op('mul', 'Mul', ['x', 's']);
    g.op('div', 'RealDiv', ['x', 'c']);
    g.op('max', 'Maximum', ['x', 'c']);
    g.op('sqd', 'SquaredDifference', ['x', 'c']);
    g.op('r6', 'Relu6', ['mul']);
    g.op('relu', 'Relu', ['x']);
    g.op('sig', 'Sigmoid', ['x']);
    g.op('tanh', 'Tanh', ['x']);
    g.op('sq', 'Sqrt', ['sqd']);
    g.op('lrelu', 'LeakyRelu', ['x'], { alpha: A.f(0.1) });
    g.op('fdiv', 'FloorDiv', ['mul', 'c']);
    g.op('fmod', 'FloorMod', ['mul', 'c']);
    g.op('sm', 'Softmax', ['x']);
    g.op('cast', 'Cast', ['mul'], { SrcT: A.t('float32'), DstT: A.t('int32') });
    const res = await compare(g, { name: 'x', dims: [2, 3, 4], data: randomInput([2, 3, 4], 3) }, [
      'add',
      'sub',
      'mul',
      'div',
      'max',
      'sqd',
      'r6',
      'relu',
      'sig',
      'tanh',
      'sq',
      'lrelu',
      'fdiv',
      'fmod',
      'sm',
      'cast',
    ]);
    expectClose(res, 1e-5);
  });

  it('integer FloorDiv and FloorMod follow TF for negative operands', async () => {
    const g = new TinyGraph();
    g.input('x', [6], 'int32');
    g.const('d', [3], [], 'int32');
    g.op('q', 'FloorDiv', ['x', 'd'], { T: A.t('int32') });
    g.op('m', 'FloorMod', ['x', 'd'], { T: A.t('int32') });
    const res = await compare(
      g,
      { name: 'x', dims: [6], data: Int32Array.from([-7, -3, -1, 0, 4, 8]), dtype: 'int32' },
      ['q', 'm'],
    );
    expect(Array.from(res[0].onnx)).toEqual([-3, -1, -1, 0, 1, 2]);
    expect(Array.from(res[1].onnx)).toEqual([2, 0, 2, 0, 1, 2]);
    expectClose(res, 0);
  });
});

describe('convert: reductions', () => {
  it('Mean (keep dims, spatial), Sum, Max, ArgMax', async () => {
    const g = new TinyGraph();
    g.input('x', [1, 4, 5, 3]);
    g.const('hw', [1, 2], [2], 'int32');
    g.const('last', [-1], [], 'int32');
    g.op('mean', 'Mean', ['x', 'hw'], { keep_dims: A.b(true) });
    g.op('sum', 'Sum', ['x', 'hw'], { keep_dims: A.b(false) });
    g.op('max', 'Max', ['x', 'last'], { keep_dims: A.b(false) });
    g.op('am', 'ArgMax', ['x', 'last'], { output_type: A.t('int32') });
    const res = await compare(g, { name: 'x', dims: [1, 4, 5, 3], data: randomInput([1, 4, 5, 3], 5) }, [
      'mean',
      'sum',
      'max',
      'am',
    ]);
    expect(res.map((r) => r.dims.join('x'))).toEqual(['1x1x1x3', '1x3', '1x4x5', '1x4x5']);
    expectClose(res);
  });
});

describe('convert: dense layers and AddN', () => {
  // handlandmark-lite's heads are _FusedMatMul (BiasAdd) on a pooled vector; its residual adds are AddN.
  it('_FusedMatMul (BiasAdd, BiasAdd+Relu, transpose_b), MatMul (x^T x), AddN of 2 and 3', async () => {
    const g = new TinyGraph();
    g.input('x', [1, 6]);
    g.const('w', rand(6 * 4, 1), [6, 4], 'float32', 'float16');
    g.const('b', rand(4, 2), [4]);
    const dense = { transpose_a: A.b(false), transpose_b: A.b(false), num_args: A.i(1), epsilon: A.f(0) };
    g.op('d1', '_FusedMatMul', ['x', 'w', 'b'], { ...dense, fused_ops: A.strs(['BiasAdd']) });
    g.op('d2', '_FusedMatMul', ['x', 'w', 'b'], { ...dense, fused_ops: A.strs(['BiasAdd', 'Relu']) });
    g.const('wt', rand(4 * 6, 3), [4, 6]);
    g.op('d3', '_FusedMatMul', ['x', 'wt', 'b'], {
      ...dense,
      transpose_b: A.b(true),
      fused_ops: A.strs(['BiasAdd']),
    });
    g.op('m1', 'MatMul', ['x', 'x'], { transpose_a: A.b(true), transpose_b: A.b(false) });
    g.op('n2', 'AddN', ['d1', 'd2'], { N: A.i(2) });
    g.op('n3', 'AddN', ['d1', 'd2', 'd3'], { N: A.i(3) });
    const res = await compare(g, { name: 'x', dims: [1, 6], data: randomInput([1, 6], 6) }, [
      'd1',
      'd2',
      'd3',
      'm1',
      'n2',
      'n3',
    ]);
    expect(res.map((r) => r.dims.join('x'))).toEqual(['1x4', '1x4', '1x4', '6x6', '1x4', '1x4']);
    expectClose(res);
  });
});

describe('convert: resize', () => {
  it('ResizeBilinear (legacy, half-pixel, align-corners) and nearest, emitted with scales', async () => {
    const g = new TinyGraph();
    g.input('x', [1, 4, 6, 2]);
    g.const('size', [8, 12], [2], 'int32');
    g.op('legacy', 'ResizeBilinear', ['x', 'size'], { align_corners: A.b(false), half_pixel_centers: A.b(false) });
    g.op('half', 'ResizeBilinear', ['x', 'size'], { align_corners: A.b(false), half_pixel_centers: A.b(true) });
    g.op('align', 'ResizeBilinear', ['x', 'size'], { align_corners: A.b(true), half_pixel_centers: A.b(false) });
    g.op('nn', 'ResizeNearestNeighbor', ['x', 'size'], { align_corners: A.b(false), half_pixel_centers: A.b(false) });
    const res = await compare(g, { name: 'x', dims: [1, 4, 6, 2], data: randomInput([1, 4, 6, 2], 9) }, [
      'legacy',
      'half',
      'align',
      'nn',
    ]);
    expectClose(res);
  });

  it('a graph converted with a dynamic input size follows its input (2x stays 2x)', async () => {
    const g = new TinyGraph();
    g.input('x', [1, 8, 8, 1]);
    g.const('size', [16, 16], [2], 'int32');
    g.op('up', 'ResizeBilinear', ['x', 'size'], { align_corners: A.b(false), half_pixel_centers: A.b(false) });
    const { json, weights } = g.model();
    const res = convertGraph(parseGraph(json as never, weights), {
      graphName: 'dyn',
      input: { tf: 'x', name: 'x', dynamic: { 1: 'h', 2: 'w' } },
      outputs: [{ tf: 'up', name: 'y' }],
    });
    const s = await ort.InferenceSession.create(res.bytes);
    const out = await s.run({ x: new ort.Tensor('float32', new Float32Array(4 * 6).fill(1), [1, 4, 6, 1]) });
    expect(out.y.dims).toEqual([1, 8, 12, 1]);
  });
});

describe('convert: free batch', () => {
  it("a graph converted with a free batch names the outputs' batch dim too", () => {
    const g = new TinyGraph();
    g.input('x', [1, 3]);
    g.op('y', 'Sigmoid', ['x']);
    const { json, weights } = g.model();
    const res = convertGraph(parseGraph(json as never, weights), {
      graphName: 'batch',
      input: { tf: 'x', name: 'x', dynamic: { 0: 'batch' } },
      outputs: [{ tf: 'y', name: 'y' }],
    });
    expect(res.model.inputs[0].dims).toEqual(['batch', 3]);
    expect(res.model.outputs[0].dims).toEqual(['batch', 3]);
  });
});

describe('convert: shape ops', () => {
  it('Reshape, ExpandDims, Squeeze, ConcatV2, Pack, Unpack, Pad, Transpose, GatherV2, GatherNd', async () => {
    const g = new TinyGraph();
    g.input('x', [1, 2, 3, 4]);
    g.const('shape', [2, -1], [2], 'int32');
    g.const('zero', [0], [], 'int32');
    g.const('ax3', [3], [], 'int32');
    g.const('pads', [0, 0, 1, 0, 0, 2, 0, 1], [4, 2], 'int32');
    g.const('perm', [0, 3, 1, 2], [4], 'int32');
    g.const('gidx', [2, 0, 1, 2], [4], 'int32');
    g.const('ndidx', [0, 1, 2, 0, 0, 0], [2, 3], 'int32');
    g.op('rs', 'Reshape', ['x', 'shape']);
    g.op('ed', 'ExpandDims', ['x', 'zero']);
    g.op('sq', 'Squeeze', ['ed'], { squeeze_dims: A.ints([0]) });
    g.op('cat', 'ConcatV2', ['x', 'x', 'ax3'], { N: A.i(2) });
    g.op('pack', 'Pack', ['x', 'x', 'x'], { axis: A.i(1), N: A.i(3) });
    g.op('un', 'Unpack', ['x'], { axis: A.i(1), num: A.i(2) });
    g.op('pad', 'Pad', ['x', 'pads']);
    g.op('tr', 'Transpose', ['x', 'perm']);
    g.op('ga', 'GatherV2', ['x', 'gidx', 'ax3'], { batch_dims: A.i(0) });
    g.op('gnd', 'GatherNd', ['x', 'ndidx']);
    const res = await compare(g, { name: 'x', dims: [1, 2, 3, 4], data: randomInput([1, 2, 3, 4], 11) }, [
      'rs',
      'sq',
      'cat',
      'pack',
      'un',
      'un:1',
      'pad',
      'tr',
      'ga',
      'gnd',
    ]);
    expect(res.map((r) => r.dims.join('x'))).toEqual([
      '2x12',
      '1x2x3x4',
      '1x2x3x8',
      '1x3x2x3x4',
      '1x3x4',
      '1x3x4',
      '1x3x5x5',
      '1x4x2x3',
      '1x2x3x4',
      '2x4',
    ]);
    expectClose(res, 0);
  });
});

describe('convert: GatherNd as a flat Gather', () => {
  // onnxruntime-web's WebGPU GatherND kernel fails at run time, so the converter must not emit it.
  it('looks up rows of a 3-D tensor by 2-D indices exactly, without a GatherND node', async () => {
    const g = new TinyGraph();
    g.input('x', [3, 4, 5]);
    g.const('idx', [2, 3, 0, 0, 1, 2, 2, 0], [4, 2], 'int32');
    g.op('gnd', 'GatherNd', ['x', 'idx']);
    const res = await compare(g, { name: 'x', dims: [3, 4, 5], data: randomInput([3, 4, 5], 5) }, ['gnd']);
    expect(res[0].dims).toEqual([4, 5]);
    expectClose(res, 0);
    const { json, weights } = g.model();
    const converted = convertGraph(parseGraph(json as never, weights), {
      graphName: 'gnd',
      input: { tf: 'x', name: 'x' },
      outputs: [{ tf: 'gnd', name: 'y' }],
    });
    const ops = converted.model.nodes.map((n) => n.op);
    expect(ops).toContain('Gather');
    expect(ops).not.toContain('GatherND');
  });
});

describe('convert: errors and cutting', () => {
  it('names every op without a translator', () => {
    const g = new TinyGraph();
    g.input('x', [2]);
    g.op('a', 'Cumsum', ['x']);
    g.op('b', 'Erf', ['a']);
    const { json, weights } = g.model();
    expect(() =>
      convertGraph(parseGraph(json as never, weights), {
        graphName: 't',
        input: { tf: 'x', name: 'x' },
        outputs: [{ tf: 'b', name: 'y' }],
      }),
    ).toThrow(/Cumsum, Erf|Erf, Cumsum/);
  });

  it('converts only what the requested outputs need (unsupported post-processing is left out)', () => {
    const g = new TinyGraph();
    g.input('x', [2]);
    g.op('keep', 'Sigmoid', ['x']);
    g.op('post', 'TopKV2', ['keep']);
    const { json, weights } = g.model();
    const res = convertGraph(parseGraph(json as never, weights), {
      graphName: 't',
      input: { tf: 'x', name: 'x' },
      outputs: [{ tf: 'keep', name: 'y' }],
    });
    expect(res.opCounts).toEqual({ Sigmoid: 1 });
  });
});
