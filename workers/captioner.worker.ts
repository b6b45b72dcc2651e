/**
 * The captioner worker: a thin comlink adapter over CaptionerRuntime. The UI reaches it only through
 * src/bridge/captioner-client.ts and takes its type from here (`import type { CaptionerApi }`).
 * Errors keep their `name` across comlink (see runtime/errors.ts).
 */
import { expose, releaseProxy, transfer } from 'comlink';
import { CaptionerRuntime } from './runtime/captioner-runtime';
import { ortAssetBaseUrl } from './runtime/ort-files';
import type { LoadOptions, LoadProgress, RunResult, RuntimeInfo, WireTensor } from './runtime/wire';

const runtime = new CaptionerRuntime(ortAssetBaseUrl(import.meta.env.BASE_URL, self.location.origin));

const api = {
  /** Loads the bundle at `url` (a folder with config.json); resolves once every part has a session. */
  async load(url: string, onProgress: (progress: LoadProgress) => void, options?: LoadOptions): Promise<RuntimeInfo> {
    try {
      return await runtime.load(url, options ?? { backend: 'auto' }, onProgress);
    } finally {
      // The callback arrives as a comlink proxy holding a MessagePort; free it once the load is over.
      (onProgress as unknown as { [releaseProxy]?: () => void })[releaseProxy]?.();
    }
  },

  /** Runs one part of the loaded bundle on plain tensors (the fixture; diagnostics). Outputs are transferred. */
  async run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    const result = await runtime.run(part, feeds);
    return transfer(
      result,
      Object.values(result.outputs).map((t) => t.data.buffer as ArrayBuffer),
    );
  },

  /** What runs, as observed: backend, threads, adapter, loaded bundle. */
  info(): RuntimeInfo {
    return runtime.info();
  },
};

/** The worker's API as the UI sees it through comlink's Remote<>. */
export type CaptionerApi = typeof api;

expose(api);
