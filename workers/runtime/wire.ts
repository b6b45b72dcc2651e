/**
 * Plain data that crosses the worker boundary (structured clone). The UI imports these with `import type`.
 */
import type { DType } from '../../src/core/backend';
import type { BackendName, BackendPreference } from './select-backend';

/** A tensor as plain data; `data` is transferred, not copied, where the adapter can. */
export interface WireTensor {
  type: DType;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** Download progress of a bundle, summed over its files; `totalBytes` is null until every size is known. */
export interface LoadProgress {
  phase: 'download' | 'session' | 'ready';
  /** The file being fetched or compiled, relative to the bundle URL. */
  file: string;
  loadedBytes: number;
  totalBytes: number | null;
}

/** How a load is done. */
export interface LoadOptions {
  /** `?backend=` of the page; 'auto' lets the runtime choose. */
  backend: BackendPreference;
}

/** The loaded bundle. */
export interface BundleInfo {
  url: string;
  modelType: string;
  parts: string[];
}

/** What the runtime runs on, as observed rather than as requested. */
export interface RuntimeInfo {
  ortVersion: string;
  requested: BackendPreference | null;
  /** The execution provider every loaded session runs on; null before the first successful load. */
  backend: BackendName | null;
  /** Why that backend was chosen. */
  reason: string | null;
  /** Threads ORT's WASM module started with (after its own checks); null before the first load. */
  wasmThreads: number | null;
  /** pthread workers ORT spawned for those threads (wasmThreads - 1 when threading works). */
  pthreadWorkers: number;
  crossOriginIsolated: boolean;
  /** The WebGPU adapter the browser offers, whether or not it is used. */
  adapter: { description: string; isFallback: boolean; hasShaderF16: boolean } | null;
  bundle: BundleInfo | null;
}

/** The result of `run`: outputs read back to the host, and where ORT left them before the read. */
export interface RunResult {
  outputs: Record<string, WireTensor>;
  /** 'gpu-buffer' for outputs WebGPU kept on the device, 'cpu' otherwise. */
  locations: Record<string, string>;
  backend: BackendName;
  elapsedMs: number;
}
