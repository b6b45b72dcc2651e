/**
 * What the browser keeps for offline use, read from the Cache API: model bundles (stored by the worker in
 * 'glance-models-v1' as it downloads them) and the app shell (stored by the service worker). Browser-only by
 * nature, but takes the CacheStorage as a parameter so tests pass a fake.
 */
import { CONFIG_FILE, TOKENIZER_FILE } from '../../core/bundle/files';
import { SHELL_CACHE_PREFIX } from '../../sw/sw-shared';

/** The worker's model cache (workers/runtime/captioner-runtime.ts MODEL_CACHE_NAME; not imported: worker code). */
export const MODEL_CACHE = 'glance-models-v1';
/** Where transformers.js keeps hub models' files (workers/runtime/hub/read-hub-model.ts), keyed by their URLs. */
export const HUB_CACHE = 'transformers-cache';
const MODEL_CACHES = [MODEL_CACHE, HUB_CACHE];

/** One bundle's files in the cache. */
export interface CachedModel {
  /** The bundle folder URL (ends with '/'). */
  baseUrl: string;
  files: number;
  bytes: number;
}

export interface CacheReport {
  models: CachedModel[];
  /** Bytes of the app shell's cache (HTML, scripts, the ORT runtime); 0 when there is none. */
  shellBytes: number;
}

export type CacheStorageLike = Pick<CacheStorage, 'open' | 'keys' | 'delete' | 'has'>;

/** Files at the top of a bundle folder (docs/model-format.md; transformers.js's tokenizer and config files). */
const BUNDLE_TOP_FILES: ReadonlySet<string> = new Set([
  CONFIG_FILE,
  TOKENIZER_FILE,
  'tokenizer_config.json',
  'special_tokens_map.json',
  'generation_config.json',
  'preprocessor_config.json',
]);

/**
 * The bundle folder of a cached file URL: a hub repo's `.../resolve/REV/`, a bundle's folder (the parent of its
 * `onnx/` folder, whatever the parts are called: the world model's four, the real-world model's detector, face,
 * pose, hand and expression; or of a top-level config or tokenizer file), or the URL itself when it is neither.
 */
export function bundleBaseOf(url: string): string {
  const hub = /^.*?\/[^/]+\/[^/]+\/resolve\/[^/]+\//.exec(url);
  if (hub) return hub[0];
  const part = /^(.*\/)onnx\/[^/]+\.onnx(_data)?$/.exec(url);
  if (part) return part[1];
  const slash = url.lastIndexOf('/');
  if (BUNDLE_TOP_FILES.has(url.slice(slash + 1))) return url.slice(0, slash + 1);
  return url;
}

export async function readCacheReport(storage: CacheStorageLike): Promise<CacheReport> {
  const models = new Map<string, CachedModel>();
  for (const name of MODEL_CACHES) {
    if (!(await storage.has(name))) continue;
    const cache = await storage.open(name);
    for (const request of await cache.keys()) {
      const baseUrl = bundleBaseOf(request.url);
      const entry = models.get(baseUrl) ?? { baseUrl, files: 0, bytes: 0 };
      entry.files++;
      entry.bytes += await sizeOf(await cache.match(request));
      models.set(baseUrl, entry);
    }
  }
  let shellBytes = 0;
  for (const name of await storage.keys()) {
    if (!name.startsWith(SHELL_CACHE_PREFIX)) continue;
    const cache = await storage.open(name);
    for (const request of await cache.keys()) shellBytes += await sizeOf(await cache.match(request));
  }
  return { models: [...models.values()].sort((a, b) => a.baseUrl.localeCompare(b.baseUrl)), shellBytes };
}

/** Removes one bundle's files (`baseUrl`), or every cached model when it is omitted. */
export async function clearCachedModels(storage: CacheStorageLike, baseUrl?: string): Promise<void> {
  for (const name of MODEL_CACHES) {
    if (baseUrl === undefined) {
      await storage.delete(name);
      continue;
    }
    if (!(await storage.has(name))) continue;
    const cache = await storage.open(name);
    for (const request of await cache.keys()) {
      if (bundleBaseOf(request.url) === baseUrl) await cache.delete(request);
    }
  }
}

/** Content-Length as stored (the worker writes it), else the body's size. */
async function sizeOf(response: Response | undefined): Promise<number> {
  if (!response) return 0;
  const header = response.headers.get('content-length');
  if (header && /^\d+$/.test(header)) return Number(header);
  return (await response.blob()).size;
}
