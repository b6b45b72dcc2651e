/**
 * Downloads a bundle with src/core's loader (the one loader of the project: progress, validation, Cache API).
 * A 'glance-mmser' bundle goes through `loadBundleFiles`; the runtime's test fixture (a config listing its own
 * `parts`, see bundle-parts.ts) is read with the same file primitives, without caching.
 */
import { type FetchLike, openFile, readFile } from '../../src/core/bundle/fetch-file';
import { type BundleCache, type LoadProgress, type ModelFiles, loadModelFiles } from '../../src/core/bundle/loader';
import { DETECT_PARTS } from '../../src/core/bundle/detect-config';
import { type BundleLocation, bundleFileUrl } from '../../src/core/bundle/resolve-url';
import { CONFIG_FILE, REQUIRED_FILES } from '../../src/core/bundle/files';
import { bundleLayout, partFile } from './bundle-parts';
import type { LoadProgress as WireProgress } from './wire';

/** A cache the worker can also prune (the Cache API's `Cache` is one). */
export interface PrunableCache extends BundleCache {
  delete(url: string): Promise<boolean>;
}

export type DownloadedBundle =
  { kind: 'captioner'; files: ModelFiles } | { kind: 'parts'; modelType: string; parts: Map<string, Uint8Array> };

export interface DownloadOptions {
  fetch: FetchLike;
  cache?: PrunableCache;
  onProgress: (progress: WireProgress) => void;
}

export async function downloadBundle(location: BundleLocation, options: DownloadOptions): Promise<DownloadedBundle> {
  const { fetch: fetchFn, cache, onProgress } = options;
  const peeked = await peekConfig(location, fetchFn, cache);
  if (peeked.fixture) return { kind: 'parts', ...(await downloadParts(location, peeked.config, fetchFn, onProgress)) };
  const files = await loadModelFiles(location, {
    fetch: fetchFn,
    cache,
    onProgress: (p: LoadProgress) =>
      onProgress({
        phase: 'download',
        file: p.file,
        loadedBytes: p.overallLoaded,
        totalBytes: p.overallTotal,
        fileLoaded: p.loaded,
        fileTotal: p.total,
        fromCache: p.fromCache,
      }),
  });
  return { kind: 'captioner', files };
}

/**
 * Reads config.json from the network first (the cache only when offline), to tell a captioner from the fixture
 * and to notice a bundle that changed on the server: a config that differs from the cached one drops every
 * cached file of the bundle, so a retrained model at the same URL is not served stale forever.
 */
async function peekConfig(
  location: BundleLocation,
  fetchFn: FetchLike,
  cache: PrunableCache | undefined,
): Promise<{ config: unknown; fixture: boolean }> {
  const url = bundleFileUrl(location, CONFIG_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(await openFile(CONFIG_FILE, url, fetchFn, undefined, undefined), () => undefined, undefined);
  } catch (error) {
    // Offline (no HTTP status): the cached bundle, if any, is all there is; let the core loader decide.
    if (cache && (error as { status?: number }).status === undefined) return { config: null, fixture: false };
    throw error;
  }
  if (cache) await pruneIfChanged(location, cache, bytes);
  let config: unknown = null;
  try {
    config = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // The core loader reports an unparsable config with the file name and a hint.
  }
  const c = config as { model_type?: unknown; parts?: unknown } | null;
  const fixture = typeof c?.model_type === 'string' && !c.model_type.startsWith('glance-') && Array.isArray(c.parts);
  return { config, fixture };
}

async function pruneIfChanged(location: BundleLocation, cache: PrunableCache, fresh: Uint8Array): Promise<void> {
  const url = bundleFileUrl(location, CONFIG_FILE);
  const cached = await cache.match(url).catch(() => undefined);
  if (!cached) return;
  const old = new Uint8Array(await cached.arrayBuffer());
  if (old.length === fresh.length && old.every((b, i) => b === fresh[i])) return;
  const files = [...REQUIRED_FILES, ...DETECT_PARTS.map((part) => `onnx/${part}.onnx`)];
  await Promise.all(files.map((file) => cache.delete(bundleFileUrl(location, file)).catch(() => false)));
}

async function downloadParts(
  location: BundleLocation,
  config: unknown,
  fetchFn: FetchLike,
  onProgress: (progress: WireProgress) => void,
): Promise<{ modelType: string; parts: Map<string, Uint8Array> }> {
  const layout = bundleLayout(config);
  const files = layout.parts.map(partFile);
  const opened = await Promise.all(
    files.map((file) => openFile(file, bundleFileUrl(location, file), fetchFn, undefined, undefined)),
  );
  const totals = opened.map((o) => o.expectedBytes);
  const totalBytes = totals.includes(null) ? null : (totals as number[]).reduce((a, b) => a + b, 0);
  const loaded = files.map(() => 0);
  const bytes = await Promise.all(
    opened.map((o, i) =>
      readFile(
        o,
        (n) => {
          loaded[i] = n;
          const loadedBytes = loaded.reduce((a, b) => a + b, 0);
          onProgress({ phase: 'download', file: o.file, loadedBytes, totalBytes, fileLoaded: n, fileTotal: totals[i] });
        },
        undefined,
      ),
    ),
  );
  return { modelType: layout.modelType, parts: new Map(layout.parts.map((part, i) => [part, bytes[i]])) };
}
