import { BackendError } from './errors';

/** An execution provider the runtime can run on. */
export type BackendName = 'webgpu' | 'wasm';

/** What the page asked for: `?backend=webgpu|wasm` forces one, anything else is 'auto'. */
export type BackendPreference = BackendName | 'auto';

/** The WebGPU adapter, as far as backend choice cares. */
export interface AdapterFacts {
  /** A software adapter (Chromium's SwiftShader): correct but ~40x slower than WASM on these machines. */
  isFallback: boolean;
  hasShaderF16: boolean;
  /** Vendor / architecture / description, for display and logs. */
  description: string;
}

/** What the browser offers, probed once in the worker. */
export interface EnvironmentFacts {
  adapter: AdapterFacts | null;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

/** The decision, with a human-readable reason that ends up in info(). */
export interface BackendChoice {
  name: BackendName;
  /** ORT's WASM thread count; it also runs the CPU kernels of a WebGPU session. */
  wasmThreads: number;
  reason: string;
}

/** More WASM threads than this were slower in measurements (PLATFORM.md: 2 cores, 4 threads slower than 2). */
export const MAX_WASM_THREADS = 4;

/** Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page; ORT's own default would pick 1 here. */
export function wasmThreadsFor(facts: EnvironmentFacts): number {
  if (!facts.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(facts.hardwareConcurrency) || 1));
}

/**
 * Chooses the backend. A forced backend that cannot run throws BackendError instead of falling back, so a test
 * or a user asking for WebGPU learns it is missing. On 'auto', a software (fallback) adapter is not used: it is
 * much slower than WASM on the same CPU.
 */
export function selectBackend(
  preference: BackendPreference,
  facts: EnvironmentFacts,
  needs: { shaderF16: boolean },
): BackendChoice {
  const wasmThreads = wasmThreadsFor(facts);
  const wasm = (reason: string): BackendChoice => ({ name: 'wasm', wasmThreads, reason });
  const adapter = facts.adapter;
  const precisionOk = adapter !== null && (!needs.shaderF16 || adapter.hasShaderF16);

  if (preference === 'wasm') return wasm('forced by ?backend=wasm');
  if (preference === 'webgpu') {
    if (adapter === null) throw new BackendError('WebGPU was requested but navigator.gpu gave no adapter');
    if (!precisionOk) throw new BackendError('WebGPU was requested but the adapter lacks shader-f16');
    return { name: 'webgpu', wasmThreads, reason: 'forced by ?backend=webgpu' };
  }
  if (adapter === null) return wasm('no WebGPU adapter');
  if (!precisionOk) return wasm('the WebGPU adapter lacks shader-f16');
  if (adapter.isFallback) return wasm('the WebGPU adapter is a software fallback, slower than WASM');
  return { name: 'webgpu', wasmThreads, reason: `WebGPU adapter: ${adapter.description}` };
}
