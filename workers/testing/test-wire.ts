/** Plain data that crosses the test worker's boundary (structured clone), beyond the app's (runtime/wire.ts). */
import type { DType } from '../../src/core/backend';
import type { BackendName } from '../runtime/select-backend';

/** A tensor as plain data; `data` is transferred, not copied, where the adapter can. */
export interface WireTensor {
  type: DType;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** The result of `run`: outputs read back to the host, and where ORT left them before the read. */
export interface RunResult {
  outputs: Record<string, WireTensor>;
  /** 'gpu-buffer' for outputs WebGPU kept on the device, 'cpu' otherwise. */
  locations: Record<string, string>;
  backend: BackendName;
  elapsedMs: number;
}
