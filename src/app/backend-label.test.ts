import { describe, expect, it } from 'vitest';
import type { RuntimeInfo } from '../bridge/captioner-client';
import { backendLabel } from './backend-label';

const info = (backend: RuntimeInfo['backend'], wasmThreads: number | null): RuntimeInfo => ({
  ortVersion: '1.30.0',
  requested: 'auto',
  backend,
  reason: null,
  wasmThreads,
  pthreadWorkers: 0,
  crossOriginIsolated: true,
  adapter: null,
  bundle: null,
  resources: { liveTensors: 0, gpuBuffers: 0, wasmMemoryBytes: null },
});

describe('backendLabel', () => {
  it('names the backend that runs, with WASM thread counts', () => {
    expect(backendLabel({ state: 'ready', info: info('webgpu', 2) })).toBe('WebGPU');
    expect(backendLabel({ state: 'ready', info: info('wasm', 2) })).toBe('WASM x2 threads');
    expect(backendLabel({ state: 'ready', info: info('wasm', 4) })).toBe('WASM x4 threads');
    expect(backendLabel({ state: 'ready', info: info('wasm', 1) })).toBe('WASM x1');
  });

  it('says when there is no backend yet or at all', () => {
    expect(backendLabel({ state: 'loading', progress: null })).toBe('Starting…');
    expect(backendLabel({ state: 'error', error: { name: 'BackendError', message: 'no adapter' } })).toBe('No backend');
  });
});
