/**
 * The seam between the framework-free captioning core and an inference runtime.
 *
 * `src/core` never imports onnxruntime: the worker passes an implementation backed by onnxruntime-web
 * (WebGPU or WASM), Node passes one backed by onnxruntime-node. Tensors are opaque handles so that a WebGPU
 * backend can keep them on the GPU between decoding steps (onnxruntime's gpu-buffer outputs).
 */

/** Element types that cross the seam (docs/model-format.md uses no others). */
export type DType = 'float32' | 'int64';

/** An opaque tensor owned by a backend; its data may live on the GPU until `read`. */
export interface TensorRef {
  readonly dims: readonly number[];
  readonly type: DType;
}

/** What src/core needs from an inference runtime. One instance serves one loaded bundle. */
export interface InferenceBackend {
  /** The execution provider that actually runs ('webgpu', 'wasm', 'cpu'); never the one merely requested. */
  readonly name: string;
  /** Input and output names of a loaded part (an ONNX file of the bundle, by its base name). */
  signature(part: string): { inputs: readonly string[]; outputs: readonly string[] };
  /** Wraps host data as a tensor. The backend does not copy `data`: do not mutate it afterwards. */
  create(type: 'float32', data: Float32Array, dims: readonly number[]): TensorRef;
  create(type: 'int64', data: BigInt64Array, dims: readonly number[]): TensorRef;
  /**
   * Runs one part. Outputs listed in `keepOnDevice` may stay on the device (and must then only be fed back or
   * released); all others come back readable. The caller owns every returned tensor and must `release` it.
   */
  run(
    part: string,
    feeds: Readonly<Record<string, TensorRef>>,
    keepOnDevice?: readonly string[],
  ): Promise<Record<string, TensorRef>>;
  /** Copies a float32 tensor's data to the host. */
  read(tensor: TensorRef): Promise<Float32Array>;
  /** Frees a tensor created or returned by this backend (GPU buffer or host memory). Idempotent. */
  release(tensor: TensorRef): void;
}
