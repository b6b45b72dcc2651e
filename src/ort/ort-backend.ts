import type { InferenceSession, Tensor } from 'onnxruntime-web';
import type { DType, InferenceBackend, TensorRef } from '../core/backend';

/** Tensor's constructor, injected so the same backend runs on onnxruntime-web and onnxruntime-node. */
export type TensorConstructor = typeof Tensor;

/**
 * A part failed to run. Named 'BackendError' (the worker's name for it, which crosses the worker boundary by
 * name; see workers/runtime/errors.ts) so the UI and Node callers can tell it from a bad input.
 */
export class OrtRunError extends Error {
  override readonly name = 'BackendError';
}

/** The backend's TensorRef: an ORT tensor plus release bookkeeping. */
class OrtTensorRef implements TensorRef {
  released = false;
  constructor(readonly tensor: Tensor) {}
  get dims(): readonly number[] {
    return this.tensor.dims;
  }
  get type(): DType {
    return this.tensor.type as DType;
  }
  /** 'gpu-buffer' while the data lives on the WebGPU device, 'cpu' once on the host. */
  get location(): string {
    return this.tensor.location;
  }
}

/**
 * InferenceBackend over onnxruntime sessions, one per bundle part: the worker's (onnxruntime-web, WebGPU or
 * WASM) and Node's (onnxruntime-node, or onnxruntime-web's WASM build) alike. On WebGPU the sessions are created with
 * gpu-buffer outputs (see createSessions), so `run` leaves `keepOnDevice` outputs on the GPU and downloads the
 * rest; on WASM / Node everything is on the host already.
 */
export class OrtBackend implements InferenceBackend {
  /**
   * Tensors handed out (created, or run outputs) and not yet released, and those of them on a WebGPU buffer: a
   * leak check for long runs. Counters, not a set, so a leaked reference can still be garbage-collected.
   */
  private readonly counts = { tensors: 0, gpuBuffers: 0 };

  constructor(
    readonly name: string,
    private readonly sessions: ReadonlyMap<string, InferenceSession>,
    private readonly TensorCtor: TensorConstructor,
  ) {}

  signature(part: string): { inputs: readonly string[]; outputs: readonly string[] } {
    const session = this.session(part);
    return { inputs: session.inputNames, outputs: session.outputNames };
  }

  create(type: 'float32', data: Float32Array, dims: readonly number[]): TensorRef;
  create(type: 'int64', data: BigInt64Array, dims: readonly number[]): TensorRef;
  create(type: DType, data: Float32Array | BigInt64Array, dims: readonly number[]): TensorRef {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length)
      throw new RangeError(`dims [${dims.join(', ')}] need ${count} values, got ${data.length}`);
    return this.track(new OrtTensorRef(new this.TensorCtor(type, data, [...dims])));
  }

  async run(
    part: string,
    feeds: Readonly<Record<string, TensorRef>>,
    keepOnDevice: readonly string[] = [],
  ): Promise<Record<string, TensorRef>> {
    const session = this.session(part);
    const ortFeeds: Record<string, Tensor> = {};
    for (const [name, ref] of Object.entries(feeds)) ortFeeds[name] = this.live(ref).tensor;
    let results: InferenceSession.OnnxValueMapType;
    try {
      results = await session.run(ortFeeds);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new OrtRunError(`${part}: onnxruntime failed to run it: ${message}`, { cause: error });
    }
    const keep = new Set(keepOnDevice);
    const outputs: Record<string, TensorRef> = {};
    for (const [name, tensor] of Object.entries(results)) {
      if (tensor.location === 'gpu-buffer' && !keep.has(name)) {
        // getData(true) downloads and frees the GPU buffer in one step.
        const data = (await tensor.getData(true)) as Float32Array | BigInt64Array;
        outputs[name] = this.track(new OrtTensorRef(new this.TensorCtor(tensor.type as DType, data, tensor.dims)));
      } else {
        outputs[name] = this.track(new OrtTensorRef(tensor));
      }
    }
    return outputs;
  }

  async read(ref: TensorRef): Promise<Float32Array> {
    if (ref.type !== 'float32') throw new TypeError(`read() takes float32 tensors, got ${ref.type}`);
    return (await this.download(ref)) as Float32Array;
  }

  /** A host copy of any tensor's data (float32 or int64), wherever it lives; the tensor stays valid. */
  async download(ref: TensorRef): Promise<Float32Array | BigInt64Array> {
    const { tensor } = this.live(ref);
    if (tensor.location === 'gpu-buffer') return (await tensor.getData()) as Float32Array | BigInt64Array;
    return (tensor.data as Float32Array | BigInt64Array).slice();
  }

  /** Where a tensor's data lives: 'gpu-buffer' or 'cpu'. */
  location(ref: TensorRef): string {
    return this.live(ref).location;
  }

  release(ref: TensorRef): void {
    const own = this.own(ref);
    if (own.released) return;
    own.released = true;
    this.counts.tensors--;
    if (own.location === 'gpu-buffer') this.counts.gpuBuffers--;
    own.tensor.dispose();
  }

  /** Tensors not yet released, and how many of them hold a WebGPU buffer (stay at 0 between captions). */
  liveTensors(): { tensors: number; gpuBuffers: number } {
    return { ...this.counts };
  }

  /** Frees every session; the backend is unusable afterwards. */
  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.release()));
  }

  private track(ref: OrtTensorRef): OrtTensorRef {
    this.counts.tensors++;
    if (ref.location === 'gpu-buffer') this.counts.gpuBuffers++;
    return ref;
  }

  private session(part: string): InferenceSession {
    const session = this.sessions.get(part);
    if (!session) throw new RangeError(`no part '${part}' (loaded: ${[...this.sessions.keys()].join(', ')})`);
    return session;
  }

  private own(ref: TensorRef): OrtTensorRef {
    if (!(ref instanceof OrtTensorRef)) throw new TypeError('tensor was not created by this backend');
    return ref;
  }

  private live(ref: TensorRef): OrtTensorRef {
    const own = this.own(ref);
    if (own.released) throw new Error('tensor was already released');
    return own;
  }
}
