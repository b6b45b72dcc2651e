import type { DType, InferenceBackend, TensorRef } from '../backend';

/** A tensor of the fake backend: host data plus bookkeeping the tests assert on. */
export class FakeTensor implements TensorRef {
  released = false;
  /** Set when the tensor was returned as a keepOnDevice output: reading it is then a bug. */
  onDevice = false;
  constructor(
    readonly type: DType,
    readonly data: Float32Array | BigInt64Array,
    readonly dims: readonly number[],
  ) {}
}

/** Host data a fake part returns for one output. */
export interface FakeOutput {
  type: DType;
  data: Float32Array | BigInt64Array;
  dims: number[];
}

/** One fake ONNX part: its signature and a pure function of the feeds. */
export interface FakePart {
  inputs: string[];
  outputs: string[];
  run(feeds: Record<string, FakeTensor>): Record<string, FakeOutput>;
}

/** A run as the tests see it: which part, and the dims of each feed. */
export interface FakeCall {
  part: string;
  feedDims: Record<string, readonly number[]>;
  /** Copies of the feeds' data. */
  feedData: Record<string, Float32Array | BigInt64Array>;
  keepOnDevice: readonly string[];
}

/**
 * An InferenceBackend over plain arrays that checks the ownership rules: it tracks every live tensor (so a
 * test can assert nothing leaked), refuses feeds that were released or not its own, refuses reads of tensors
 * kept on the device, and insists feeds match the part's inputs exactly.
 */
export class FakeBackend implements InferenceBackend {
  readonly name = 'fake';
  readonly live = new Set<FakeTensor>();
  readonly calls: FakeCall[] = [];
  /** Called before each run; a test may throw from it or cancel something. */
  beforeRun?: (part: string) => void;

  constructor(private readonly parts: Record<string, FakePart>) {}

  signature(part: string): { inputs: readonly string[]; outputs: readonly string[] } {
    const found = this.parts[part];
    if (!found) throw new Error(`no part ${part}`);
    return { inputs: found.inputs, outputs: found.outputs };
  }

  create(type: 'float32', data: Float32Array, dims: readonly number[]): TensorRef;
  create(type: 'int64', data: BigInt64Array, dims: readonly number[]): TensorRef;
  create(type: DType, data: Float32Array | BigInt64Array, dims: readonly number[]): TensorRef {
    const size = dims.reduce((a, b) => a * b, 1);
    if (data.length !== size) throw new Error(`create: ${data.length} values for dims [${dims}]`);
    if ((type === 'float32') !== data instanceof Float32Array) throw new Error(`create: data is not ${type}`);
    return this.track(new FakeTensor(type, data, [...dims]));
  }

  async run(
    part: string,
    feeds: Readonly<Record<string, TensorRef>>,
    keepOnDevice: readonly string[] = [],
  ): Promise<Record<string, TensorRef>> {
    this.beforeRun?.(part);
    const found = this.parts[part];
    if (!found) throw new Error(`no part ${part}`);
    const names = Object.keys(feeds).sort();
    const expected = [...found.inputs].sort();
    if (names.join() !== expected.join()) throw new Error(`${part}: feeds [${names}] != inputs [${expected}]`);
    const tensors: Record<string, FakeTensor> = {};
    for (const [name, ref] of Object.entries(feeds)) tensors[name] = this.own(ref, `${part} feed ${name}`);
    this.calls.push({
      part,
      feedDims: Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, t.dims])),
      feedData: Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, t.data.slice()])),
      keepOnDevice,
    });
    await Promise.resolve(); // a real backend is asynchronous: let cancellation races happen in tests
    const results = found.run(tensors);
    const outputs: Record<string, TensorRef> = {};
    for (const name of found.outputs) {
      const result = results[name];
      const tensor = new FakeTensor(result.type, result.data, result.dims);
      tensor.onDevice = keepOnDevice.includes(name);
      outputs[name] = this.track(tensor);
    }
    return outputs;
  }

  async read(ref: TensorRef): Promise<Float32Array> {
    const tensor = this.own(ref, 'read');
    if (tensor.onDevice) throw new Error('read of a tensor kept on the device');
    if (!(tensor.data instanceof Float32Array)) throw new Error('read of a non-float tensor');
    return Float32Array.from(tensor.data);
  }

  release(ref: TensorRef): void {
    const tensor = ref as FakeTensor;
    tensor.released = true;
    this.live.delete(tensor);
  }

  /** Runs of one part. */
  callsOf(part: string): FakeCall[] {
    return this.calls.filter((call) => call.part === part);
  }

  private track(tensor: FakeTensor): FakeTensor {
    this.live.add(tensor);
    return tensor;
  }

  private own(ref: TensorRef, use: string): FakeTensor {
    const tensor = ref as FakeTensor;
    if (!(tensor instanceof FakeTensor)) throw new Error(`${use}: not a tensor of this backend`);
    if (tensor.released || !this.live.has(tensor)) throw new Error(`${use}: tensor used after release`);
    return tensor;
  }
}
