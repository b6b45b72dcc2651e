import { captioningWith, type ClientStatus } from '../bridge/captioner-client';

/**
 * The header badge's text: "WebGPU", "WASM x2 threads", "WASM x1" for the backend that captions (also while
 * another model loads), or the state before one runs, after a crash, or after a failure.
 */
export function backendLabel(status: ClientStatus): string {
  const model = captioningWith(status);
  if (model) {
    const { backend, wasmThreads } = model.info;
    // A hub model's weights come in several dtypes; the one chosen for this backend is part of what runs.
    const dtype = model.info.bundle?.dtype ? ` · ${model.info.bundle.dtype}` : '';
    if (backend === 'webgpu') return `WebGPU${dtype}`;
    const threads = wasmThreads ?? 1;
    return `${threads > 1 ? `WASM x${threads} threads` : 'WASM x1'}${dtype}`;
  }
  if (status.state === 'error') return 'No backend';
  if (status.state === 'crashed' || status.state === 'restarting') return 'Restarting…';
  return 'Starting…';
}

/** The badge's title: why this backend, or what went wrong. */
export function backendTitle(status: ClientStatus): string {
  const model = captioningWith(status);
  if (model) return model.info.reason ?? '';
  if (status.state === 'error' || status.state === 'crashed') return `${status.error.name}: ${status.error.message}`;
  if (status.state === 'restarting') return 'The captioner stopped; reloading the model';
  return 'Loading the model runtime';
}
