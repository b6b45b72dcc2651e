import type { RuntimeStatus } from './runtime-status';

/** The header badge's text: "WebGPU", "WASM x2 threads", "WASM x1", or the state before/after a failure. */
export function backendLabel(status: RuntimeStatus): string {
  if (status.state === 'loading') return 'Starting…';
  if (status.state === 'error') return 'No backend';
  const { backend, wasmThreads } = status.info;
  if (backend === 'webgpu') return 'WebGPU';
  const threads = wasmThreads ?? 1;
  return threads > 1 ? `WASM x${threads} threads` : 'WASM x1';
}
