import type { InferenceSession } from 'onnxruntime-web';
import { ModelLoadError, BackendError, messageOf } from './errors';
import { ort, ortWebGpuStarted } from './ort-env';
import type { BackendName } from './select-backend';

/**
 * Builds one InferenceSession per part on exactly one execution provider. No fallback list is given: asked for
 * ['webgpu', 'wasm'], ORT silently runs on WASM when WebGPU fails, and we must know which one runs.
 */
export async function createSessions(
  backend: BackendName,
  files: ReadonlyMap<string, Uint8Array>,
  onSession: (part: string) => void,
): Promise<Map<string, InferenceSession>> {
  const options: InferenceSession.SessionOptions = {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    // Errors only: on WebGPU every session warns (via console.error) that shape ops run on the CPU, which is
    // ORT's intended placement, not a problem; real failures still throw.
    logSeverityLevel: 3,
    // On WebGPU every output stays on the GPU; OrtBackend downloads those the caller does not keep there.
    preferredOutputLocation: backend === 'webgpu' ? 'gpu-buffer' : 'cpu',
  };
  const sessions = new Map<string, InferenceSession>();
  try {
    for (const [part, bytes] of files) {
      onSession(part);
      sessions.set(part, await createOne(part, bytes, options));
    }
  } catch (error) {
    await Promise.all([...sessions.values()].map((s) => s.release()));
    throw error;
  }
  if (backend === 'webgpu' && !ortWebGpuStarted()) {
    throw new BackendError('onnxruntime did not start its WebGPU backend');
  }
  return sessions;
}

async function createOne(
  part: string,
  bytes: Uint8Array,
  options: InferenceSession.SessionOptions,
): Promise<InferenceSession> {
  try {
    return await ort().InferenceSession.create(bytes, options);
  } catch (error) {
    const message = messageOf(error);
    // ORT reports a backend that failed to start as "no available backend found".
    if (/backend/i.test(message)) throw new BackendError(`${part}: ${message}`, { cause: error });
    throw new ModelLoadError(`${part}: onnxruntime could not load it: ${message}`, { cause: error });
  }
}
