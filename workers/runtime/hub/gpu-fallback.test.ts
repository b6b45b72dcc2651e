import { describe, expect, it } from 'vitest';
import { isGpuOutOfMemory, loadWithGpuFallback, type Placement } from './gpu-fallback';

function fakeLoads(failOn: (p: Placement, stage: 'load' | 'check') => Error | null) {
  const log: string[] = [];
  const load = async (p: Placement) => {
    log.push(`load ${p.device} ${p.dtype}`);
    const error = failOn(p, 'load');
    if (error) throw error;
    return { placement: p, dispose: async () => void log.push(`dispose ${p.device}`) };
  };
  const check = async (loaded: { placement: Placement }) => {
    const error = failOn(loaded.placement, 'check');
    if (error) throw error;
  };
  return { log, load, check };
}

const oom = () => new Error('Failed to allocate a buffer of size 1073741824: GPUOutOfMemoryError');

describe('loadWithGpuFallback', () => {
  it('keeps WebGPU when it holds', async () => {
    const { log, load, check } = fakeLoads(() => null);
    const r = await loadWithGpuFallback({ device: 'webgpu', dtype: 'fp32' }, 'q8', load, check, 'org/name');
    expect(r.fellBack).toBeNull();
    expect(r.placement).toEqual({ device: 'webgpu', dtype: 'fp32' });
    expect(log).toEqual(['load webgpu fp32']);
  });

  it('moves to WASM with its dtype when WebGPU runs out of memory while loading, and says why', async () => {
    const { log, load, check } = fakeLoads((p, stage) => (p.device === 'webgpu' && stage === 'load' ? oom() : null));
    const r = await loadWithGpuFallback({ device: 'webgpu', dtype: 'fp16' }, 'q8', load, check, 'org/name');
    expect(r.placement).toEqual({ device: 'wasm', dtype: 'q8' });
    expect(r.fellBack).toMatch(/^WebGPU ran out of memory for org\/name \(fp16: Failed to allocate/);
    expect(r.fellBack).toMatch(/it runs on WASM \(q8\) instead$/);
    expect(log).toEqual(['load webgpu fp16', 'load wasm q8']);
  });

  it('frees the WebGPU sessions when the warm-up runs out of memory', async () => {
    const { log, load, check } = fakeLoads((p, stage) => (p.device === 'webgpu' && stage === 'check' ? oom() : null));
    const r = await loadWithGpuFallback({ device: 'webgpu', dtype: 'fp32' }, 'q8', load, check, 'org/name');
    expect(r.placement.device).toBe('wasm');
    expect(log).toEqual(['load webgpu fp32', 'dispose webgpu', 'load wasm q8']);
  });

  it('rethrows errors that are not about memory, and any error on WASM', async () => {
    const other = fakeLoads(() => new Error('Could not locate file'));
    await expect(
      loadWithGpuFallback({ device: 'webgpu', dtype: 'fp32' }, 'q8', other.load, other.check, 'a/b'),
    ).rejects.toThrow('Could not locate file');
    expect(other.log).toEqual(['load webgpu fp32']);
    const wasm = fakeLoads(() => oom());
    await expect(
      loadWithGpuFallback({ device: 'wasm', dtype: 'q8' }, 'q8', wasm.load, wasm.check, 'a/b'),
    ).rejects.toThrow('Failed to allocate');
    expect(wasm.log).toEqual(['load wasm q8']);
  });

  it('reports the WASM failure when the fallback fails too', async () => {
    const both = fakeLoads((p) => (p.device === 'webgpu' ? oom() : new Error('wasm broke')));
    await expect(
      loadWithGpuFallback({ device: 'webgpu', dtype: 'fp32' }, 'q8', both.load, both.check, 'a/b'),
    ).rejects.toThrow('wasm broke');
  });
});

describe('isGpuOutOfMemory', () => {
  it('knows WebGPU and onnxruntime-web memory errors, through causes, and nothing else', () => {
    const named = Object.assign(new Error('x'), { name: 'GPUOutOfMemoryError' });
    expect(isGpuOutOfMemory(named)).toBe(true);
    expect(isGpuOutOfMemory(new Error('buffer size exceeds the max buffer size'))).toBe(true);
    expect(isGpuOutOfMemory(new Error('wrapped', { cause: new Error('Out of memory') }))).toBe(true);
    expect(isGpuOutOfMemory(new Error('Device lost'))).toBe(false);
    expect(isGpuOutOfMemory(new Error('Could not locate file: "x"'))).toBe(false);
    expect(isGpuOutOfMemory(null)).toBe(false);
  });
});
