/**
 * A hub model that does not fit the WebGPU device runs on WASM instead, and says so (issue 15: "WebGPU out of
 * memory: fall back to WASM and say so"). Glance's own bundles are small enough that this never arises for them.
 */
import type { HubDtype } from '../../../src/core/hub/hub-dtype';
import { messageOf } from '../errors';

/**
 * What onnxruntime-web and WebGPU report when the device cannot hold a model: a GPUOutOfMemoryError, a buffer
 * the device refuses to allocate or map, or a size over the adapter's maxBufferSize / maxStorageBufferBindingSize.
 */
const OUT_OF_MEMORY =
  /out of memory|OutOfMemory|failed to allocate|allocation failed|exceeds the max(?:imum)? (?:buffer|binding) size|maxBufferSize|maxStorageBufferBindingSize/i;

export function isGpuOutOfMemory(error: unknown): boolean {
  if ((error as { name?: unknown } | null)?.name === 'GPUOutOfMemoryError') return true;
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (OUT_OF_MEMORY.test(messageOf(e))) return true;
  }
  return false;
}

export interface Placement {
  device: 'webgpu' | 'wasm';
  dtype: HubDtype;
}

/**
 * Loads on `first`; when that is WebGPU and the device runs out of memory (at session creation or in the
 * warm-up `check`), frees what was loaded and loads on WASM with its own dtype. `fellBack` says why, for the
 * badge and the model picker; null when the first placement held.
 */
export async function loadWithGpuFallback<T extends { dispose(): Promise<void> }>(
  first: Placement,
  wasmDtype: HubDtype,
  load: (placement: Placement) => Promise<T>,
  check: (loaded: T) => Promise<void>,
  modelName: string,
): Promise<{ loaded: T; placement: Placement; fellBack: string | null }> {
  let loaded: T | null = null;
  try {
    loaded = await load(first);
    await check(loaded);
    return { loaded, placement: first, fellBack: null };
  } catch (error) {
    await loaded?.dispose().catch(() => undefined);
    if (first.device !== 'webgpu' || !isGpuOutOfMemory(error)) throw error;
    const placement: Placement = { device: 'wasm', dtype: wasmDtype };
    const retry = await load(placement);
    try {
      await check(retry);
    } catch (retryError) {
      await retry.dispose().catch(() => undefined);
      throw retryError;
    }
    const fellBack =
      `WebGPU ran out of memory for ${modelName} (${first.dtype}: ${messageOf(error)}); ` +
      `it runs on WASM (${wasmDtype}) instead`;
    return { loaded: retry, placement, fellBack };
  }
}
