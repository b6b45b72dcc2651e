import { describe, expect, it } from 'vitest';
import type { ClientStatus, RuntimeInfo } from '../bridge/captioner-client';
import { backendLabel, backendTitle } from './backend-label';

const info = (backend: RuntimeInfo['backend'], wasmThreads: number | null): RuntimeInfo => ({
  ortVersion: '1.30.0',
  requested: 'auto',
  backend,
  reason: backend === 'wasm' ? 'no WebGPU adapter' : null,
  wasmThreads,
  pthreadWorkers: 0,
  crossOriginIsolated: true,
  adapter: null,
  bundle: null,
  resources: { liveTensors: 0, gpuBuffers: 0, wasmMemoryBytes: null },
});

const ready = (i: RuntimeInfo): ClientStatus => ({ state: 'ready', url: 'https://a/m/', info: i });
const crash = { name: 'WorkerCrashedError', message: 'the captioner worker crashed: out of memory' };

describe('backendLabel', () => {
  it('names the backend that runs, with WASM thread counts', () => {
    expect(backendLabel(ready(info('webgpu', 2)))).toBe('WebGPU');
    expect(backendLabel(ready(info('wasm', 2)))).toBe('WASM x2 threads');
    expect(backendLabel(ready(info('wasm', 4)))).toBe('WASM x4 threads');
    expect(backendLabel(ready(info('wasm', 1)))).toBe('WASM x1');
  });

  it("adds a hub model's weight dtype, which depends on the backend", () => {
    const bundle = (dtype: string | null): RuntimeInfo['bundle'] => ({
      url: 'https://huggingface.co/a/b/resolve/main/',
      name: 'a/b',
      modelType: 'vision-encoder-decoder',
      parts: [],
      captioner: true,
      cachedFiles: [],
      warmupMs: 1,
      dtype,
      notice: null,
    });
    expect(backendLabel(ready({ ...info('wasm', 2), bundle: bundle('q8') }))).toBe('WASM x2 threads · q8');
    expect(backendLabel(ready({ ...info('webgpu', 2), bundle: bundle('fp16') }))).toBe('WebGPU · fp16');
    expect(backendLabel(ready({ ...info('wasm', 2), bundle: bundle(null) }))).toBe('WASM x2 threads');
  });

  it('keeps naming the backend in use while another model loads', () => {
    const inUse = { url: 'https://a/m/', info: info('wasm', 2) };
    const switching: ClientStatus = { state: 'loading', url: 'https://a/n/', progress: null, inUse };
    expect(backendLabel(switching)).toBe('WASM x2 threads');
    expect(backendTitle(switching)).toBe('no WebGPU adapter');
  });

  it('says when there is no backend yet, at all, or while the worker restarts after a crash', () => {
    expect(backendLabel({ state: 'idle' })).toBe('Starting…');
    expect(backendLabel({ state: 'loading', url: 'https://a/m/', progress: null, inUse: null })).toBe('Starting…');
    const error: ClientStatus = { state: 'error', url: null, error: { name: 'BackendError', message: 'no adapter' } };
    expect(backendLabel(error)).toBe('No backend');
    expect(backendTitle(error)).toBe('BackendError: no adapter');
    expect(backendLabel({ state: 'crashed', error: crash, crashes: 1 })).toBe('Restarting…');
    expect(backendTitle({ state: 'crashed', error: crash, crashes: 1 })).toBe(`WorkerCrashedError: ${crash.message}`);
    expect(backendLabel({ state: 'restarting', url: 'https://a/m/', progress: null, crashes: 1 })).toBe('Restarting…');
  });
});
