import { describe, expect, it } from 'vitest';
import { selectBackend, wasmThreadsFor, type AdapterFacts, type EnvironmentFacts } from './select-backend';

const gpu: AdapterFacts = { isFallback: false, hasShaderF16: true, description: 'real gpu' };
const swiftshader: AdapterFacts = { isFallback: true, hasShaderF16: false, description: 'google / swiftshader' };
const env = (adapter: AdapterFacts | null, cores = 2, isolated = true): EnvironmentFacts => ({
  adapter,
  crossOriginIsolated: isolated,
  hardwareConcurrency: cores,
});
const FP32 = { shaderF16: false };
const FP16 = { shaderF16: true };

describe('wasmThreadsFor', () => {
  it('uses every core up to 4 when the page is cross-origin isolated', () => {
    expect(wasmThreadsFor(env(null, 2))).toBe(2);
    expect(wasmThreadsFor(env(null, 3))).toBe(3);
    expect(wasmThreadsFor(env(null, 16))).toBe(4);
    expect(wasmThreadsFor(env(null, 1))).toBe(1);
  });

  it('is single-threaded without isolation (no SharedArrayBuffer) or without a core count', () => {
    expect(wasmThreadsFor(env(null, 8, false))).toBe(1);
    expect(wasmThreadsFor(env(null, 0))).toBe(1);
  });
});

describe('selectBackend', () => {
  it('auto: WebGPU on a hardware adapter', () => {
    expect(selectBackend('auto', env(gpu), FP32)).toMatchObject({ name: 'webgpu', wasmThreads: 2 });
  });

  it('auto: WASM without an adapter, with a software adapter, or without shader-f16 for an fp16 model', () => {
    expect(selectBackend('auto', env(null), FP32)).toMatchObject({ name: 'wasm', wasmThreads: 2 });
    expect(selectBackend('auto', env(swiftshader), FP32)).toMatchObject({ name: 'wasm' });
    expect(selectBackend('auto', env({ ...gpu, hasShaderF16: false }), FP16)).toMatchObject({ name: 'wasm' });
    expect(selectBackend('auto', env(gpu), FP16)).toMatchObject({ name: 'webgpu' });
  });

  it('forced WASM wins over any adapter and keeps the thread policy', () => {
    expect(selectBackend('wasm', env(gpu, 4), FP32)).toEqual({
      name: 'wasm',
      wasmThreads: 4,
      reason: 'forced by ?backend=wasm',
    });
    expect(selectBackend('wasm', env(gpu, 4, false), FP32).wasmThreads).toBe(1);
  });

  it('forced WebGPU accepts a software adapter but never falls back silently', () => {
    expect(selectBackend('webgpu', env(swiftshader), FP32).name).toBe('webgpu');
    expect(() => selectBackend('webgpu', env(null), FP32)).toThrow(expect.objectContaining({ name: 'BackendError' }));
    expect(() => selectBackend('webgpu', env(swiftshader), FP16)).toThrow(/shader-f16/);
  });
});
