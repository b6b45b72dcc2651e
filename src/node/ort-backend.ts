import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { DType, InferenceBackend, TensorRef } from '../core/backend';
import { ModelFormatError } from '../core/errors';

/** The part of an onnxruntime module (onnxruntime-node, or onnxruntime-web in Node) this adapter uses. */
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: 'float32' | 'int64', data: Float32Array | BigInt64Array, dims: readonly number[]) => Tensor;
}

/** An InferenceBackend over onnxruntime sessions whose tensors live on the CPU (keepOnDevice is moot). */
export interface OrtBackend extends InferenceBackend {
  /** Frees every session. The backend is unusable afterwards. */
  dispose(): Promise<void>;
}

class OrtTensorRef implements TensorRef {
  disposed = false;
  constructor(readonly tensor: Tensor) {}
  get dims(): readonly number[] {
    return this.tensor.dims;
  }
  get type(): DType {
    return this.tensor.type as DType;
  }
}

/**
 * Creates one session per part from its bytes (sequentially: peak memory stays at one model being built).
 * Nothing here is Node-specific: with onnxruntime-web's WebGPU build, give per-part options that set
 * `preferredOutputLocation: 'gpu-buffer'` for the outputs src/core keeps on the device (decoder `present.*`,
 * `embed_tokens` `inputs_embeds`, `vision_encoder` `image_embeds`); `read` downloads with getData() and
 * `release` frees the GPU buffer with dispose().
 */
export async function createOrtBackend(
  ort: OrtModule,
  name: string,
  parts: Record<string, Uint8Array>,
  sessionOptions: InferenceSession.SessionOptions | ((part: string) => InferenceSession.SessionOptions) = {},
): Promise<OrtBackend> {
  const optionsFor = typeof sessionOptions === 'function' ? sessionOptions : () => sessionOptions;
  const sessions = new Map<string, InferenceSession>();
  try {
    for (const [part, bytes] of Object.entries(parts)) {
      try {
        sessions.set(part, await ort.InferenceSession.create(bytes, optionsFor(part)));
      } catch (error) {
        throw new ModelFormatError(`onnx/${part}.onnx: onnxruntime cannot load it (${(error as Error).message})`);
      }
    }
  } catch (error) {
    await Promise.all([...sessions.values()].map((s) => s.release()));
    throw error;
  }
  const session = (part: string): InferenceSession => {
    const found = sessions.get(part);
    if (!found) throw new Error(`no ONNX part "${part}" loaded`);
    return found;
  };

  return {
    name,
    signature(part) {
      const s = session(part);
      return { inputs: s.inputNames, outputs: s.outputNames };
    },
    create(type: DType, data: Float32Array | BigInt64Array, dims: readonly number[]) {
      return new OrtTensorRef(new ort.Tensor(type, data, dims));
    },
    async run(part, feeds) {
      const inputs: Record<string, Tensor> = {};
      for (const [key, ref] of Object.entries(feeds)) {
        const tensorRef = ref as OrtTensorRef;
        if (tensorRef.disposed) throw new Error(`${part}: input ${key} was released`);
        inputs[key] = tensorRef.tensor;
      }
      const outputs = await session(part).run(inputs);
      const refs: Record<string, TensorRef> = {};
      for (const [key, tensor] of Object.entries(outputs)) refs[key] = new OrtTensorRef(tensor as Tensor);
      return refs;
    },
    async read(ref) {
      const tensorRef = ref as OrtTensorRef;
      if (tensorRef.disposed) throw new Error('read of a released tensor');
      return (await tensorRef.tensor.getData()) as Float32Array;
    },
    release(ref) {
      const tensorRef = ref as OrtTensorRef;
      if (tensorRef.disposed) return;
      tensorRef.disposed = true;
      tensorRef.tensor.dispose();
    },
    async dispose() {
      await Promise.all([...sessions.values()].map((s) => s.release()));
      sessions.clear();
    },
  } as OrtBackend;
}
