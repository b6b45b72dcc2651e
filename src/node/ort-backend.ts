import type { InferenceSession } from 'onnxruntime-node';
import type { InferenceSession as WebInferenceSession } from 'onnxruntime-web';
import { ModelFormatError } from '../core/errors';
import { OrtBackend, type TensorConstructor } from '../ort/ort-backend';

/** The part of an onnxruntime module (onnxruntime-node, or onnxruntime-web in Node) this adapter uses. */
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: unknown;
}

/**
 * Creates one session per part from its bytes (sequentially: peak memory stays at one model being built) and
 * wraps them in the same OrtBackend the worker uses. Tensors live on the CPU here.
 */
export async function createOrtBackend(
  ort: OrtModule,
  name: string,
  parts: Record<string, Uint8Array>,
  sessionOptions: InferenceSession.SessionOptions = {},
): Promise<OrtBackend> {
  const sessions = new Map<string, InferenceSession>();
  try {
    for (const [part, bytes] of Object.entries(parts)) {
      try {
        sessions.set(part, await ort.InferenceSession.create(bytes, sessionOptions));
      } catch (error) {
        throw new ModelFormatError(`onnx/${part}.onnx: onnxruntime cannot load it (${(error as Error).message})`);
      }
    }
  } catch (error) {
    await Promise.all([...sessions.values()].map((s) => s.release()));
    throw error;
  }
  // onnxruntime-node and onnxruntime-web share onnxruntime-common's session and tensor types.
  return new OrtBackend(
    name,
    sessions as unknown as ReadonlyMap<string, WebInferenceSession>,
    ort.Tensor as TensorConstructor,
  );
}
