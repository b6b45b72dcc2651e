import type { CaptionerRuntime, RuntimeHooks } from './captioner-runtime';
import { deviceLostError } from './device-loss';
import { ortAssetBaseUrl } from './ort-files';
import { watchWasmMemory } from './wasm-memory';

/** The runtime of a worker entry (captioner.worker.ts, or the test build's worker): a CaptionerRuntime or a subclass. */
export function startWorkerRuntime<R extends CaptionerRuntime>(
  Runtime: new (assetBaseUrl: string, hooks: RuntimeHooks) => R,
): R {
  return new Runtime(ortAssetBaseUrl(import.meta.env.BASE_URL, self.location.origin), {
    // Before ORT loads, so its WebAssembly memory is seen.
    wasmMemoryBytes: watchWasmMemory(),
    // Nothing on a lost device can be recovered in this worker: fail as a crash, so the bridge starts a fresh
    // worker and reloads the model (device-loss.ts). Jobs in flight reject with WorkerCrashedError naming the loss.
    onDeviceLost: (info) =>
      setTimeout(() => {
        throw deviceLostError(info);
      }),
  });
}
