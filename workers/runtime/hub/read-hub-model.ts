/**
 * Loads a hub model that transformers.js runs (docs/hub-models.md), as the runtime loads a Glance bundle:
 * byte progress, the backend already chosen, the Cache API for offline use, and a CaptionEngine at the end.
 * A BundleReader (download-bundle.ts): it answers null for Glance's own bundles.
 */
import { type BundleLocation, bundleFileUrl } from '../../../src/core/bundle/resolve-url';
import { ModelFetchError } from '../../../src/core/errors';
import { createHubCaptioner } from '../../../src/core/hub/hub-captioner';
import { familyOnnxFiles, isLargeDownload, LARGE_DOWNLOAD_BYTES } from '../../../src/core/hub/download-size';
import { chooseHubDtype, type HubDtype } from '../../../src/core/hub/hub-dtype';
import { formatBytes } from '../../../src/common/format';
import { type HubFamily, hubFamilyOf } from '../../../src/core/hub/hub-family';
import { type HubRepo, hubRepoOf } from '../../../src/core/hub/hub-repo';
import type { DownloadedBundle, DownloadOptions } from '../download-bundle';
import { LargeDownloadError, ModelLoadError, messageOf } from '../errors';
import { startOrt } from '../ort-env';
import { loadWithGpuFallback, type Placement } from './gpu-fallback';
import { createHubDetector, type DetectorFiles, readDetectorFiles, warnNoDetector } from './hub-detector';
import type { HubFileProgress } from './transformers-library';
import type { BackendChoice } from '../select-backend';

export interface HubReaderContext {
  choice: BackendChoice;
  hasShaderF16: boolean;
  /** Where ORT's .mjs/.wasm live (ort-env.ts): the hub model runs on the same runtime as Glance's bundles. */
  assetBaseUrl: string;
  /** The user agreed to a download over 500 MB. */
  allowLargeDownload: boolean;
}

/** The cache transformers.js keeps hub files in (its default name). */
const HUB_CACHE = 'transformers-cache';

export async function readHubModel(
  location: BundleLocation,
  config: unknown,
  options: DownloadOptions,
  context: HubReaderContext,
): Promise<DownloadedBundle | null> {
  const repo = hubRepoOf(location);
  if (!repo) return null;
  // Offline, the runtime could not fetch config.json: transformers.js's own cache may hold it.
  const known = config ?? (await cachedConfig(location));
  if (known === null) return null;
  const family = hubFamilyOf(known, repo.id);
  if (family === null) return null;

  const device = context.choice.name === 'webgpu' ? 'webgpu' : 'wasm';
  const dtype = chooseHubDtype(device, context.hasShaderF16);
  const cachedBefore = await cachedFiles(repo);
  await checkDownload(location, repo, family, dtype, cachedBefore, context.allowLargeDownload);
  const sizes = new Map<string, { loaded: number; total: number }>();
  await startOrt(context.choice, context.assetBaseUrl);
  const { loadHubFamily } = await import('./load-hub-family');
  const onFile = ({ file, loaded: fileLoaded, total }: HubFileProgress) => {
    sizes.set(file, { loaded: fileLoaded, total });
    let loadedBytes = 0;
    let totalBytes = 0;
    for (const size of sizes.values()) {
      loadedBytes += size.loaded;
      totalBytes += size.total;
    }
    options.onProgress({
      phase: 'download',
      file,
      loadedBytes,
      totalBytes,
      fileLoaded,
      fileTotal: total || null,
      fromCache: cachedBefore.has(file),
    });
  };
  const modelType = (known as { model_type: string }).model_type;
  // A model that grounds nothing itself looks where the real-world bundle's detector finds objects (read once,
  // from the bundle cache or the app's origin; a session per placement). Without it, where the colours differ.
  let detectorFiles: Promise<DetectorFiles | null> | null = null;
  const detectorFor = (placement: Placement) => {
    detectorFiles ??= readDetectorFiles(options.fetch, options.cache, globalThis.location.href);
    return detectorFiles.then((files) => files && createHubDetector(files, placement.device));
  };
  let finderFailed = false;
  const onFinderError = (error: unknown) => {
    if (!finderFailed) warnNoDetector('the real-world detector failed on a frame', error);
    finderFailed = true;
  };
  const load = async (placement: Placement) => {
    let model: Awaited<ReturnType<typeof loadHubFamily>>;
    try {
      model = await loadHubFamily(family, repo, { ...placement, onFile });
    } catch (error) {
      throw hubLoadError(repo, placement.dtype, error);
    }
    const detector = model.model.ground ? null : await detectorFor(placement);
    const engine = createHubCaptioner(model.model, {
      modelType,
      backendName: placement.device,
      ...(detector ? { findRegions: detector.findRegions, onFinderError } : {}),
    });
    const dispose = async () => {
      await Promise.all([model.dispose(), detector?.dispose()]);
    };
    return { ...model, dispose, engine, warmupMs: 0 };
  };
  // The warm-up caption runs here, not in the runtime: a model too big for the WebGPU device may only fail there.
  const warmUp = async (loaded: Awaited<ReturnType<typeof load>>) => {
    options.onProgress({ phase: 'warmup', file: '', loadedBytes: 0, totalBytes: 0 });
    loaded.warmupMs = await loaded.engine.warmUp();
  };
  const { loaded, placement, fellBack } = await loadWithGpuFallback(
    { device, dtype },
    chooseHubDtype('wasm', false),
    load,
    warmUp,
    repo.id,
  );
  return {
    modelType,
    parts: new Map(),
    partNames: loaded.files,
    dtype: placement.dtype,
    warmupMs: loaded.warmupMs,
    ...(fellBack ? { ranOn: { backend: 'wasm' as const, reason: fellBack } } : {}),
    cachedFiles: [...cachedBefore].filter((file) => sizes.has(file)).sort(),
    createEngine: () => loaded.engine,
    dispose: () => loaded.dispose(),
  };
}

/**
 * Before anything is downloaded: the weights this backend needs exist (HEAD), and their size not yet in the cache
 * is under 500 MB unless the user agreed. A server that answers HEAD without a size counts as 0 (it cannot be
 * told in advance; the download's progress will show it).
 */
async function checkDownload(
  location: BundleLocation,
  repo: HubRepo,
  family: HubFamily,
  dtype: HubDtype,
  cached: ReadonlySet<string>,
  allowLarge: boolean,
): Promise<void> {
  const files = familyOnnxFiles(family, dtype).filter((file) => !cached.has(file));
  const sizes = await Promise.all(
    files.map(async (file) => {
      const url = bundleFileUrl(location, file);
      let response: Response;
      try {
        response = await fetch(url, { method: 'HEAD' });
      } catch {
        return 0; // Offline or refused: transformers.js's own fetch reports it with the file's name.
      }
      if (response.status === 404) throw missingWeights(repo, dtype, file, url);
      const length = Number(response.headers.get('x-linked-size') ?? response.headers.get('content-length'));
      return Number.isFinite(length) ? length : 0;
    }),
  );
  const total = sizes.reduce((sum, bytes) => sum + bytes, 0);
  if (isLargeDownload(total) && !allowLarge) {
    throw new LargeDownloadError(
      `${repo.id} needs ${formatBytes(total)} of ${dtype} weights downloaded (${files.join(', ')}); ` +
        `more than the ${formatBytes(LARGE_DOWNLOAD_BYTES)} that load without asking`,
    );
  }
}

function missingWeights(repo: HubRepo, dtype: string, file: string, url: string): ModelFetchError {
  return new ModelFetchError(
    `${repo.id}: ${file} is missing from the repo (the ${dtype} weights this backend needs)`,
    url,
    404,
  );
}

/** transformers.js's errors, named as the UI expects: which model, which file, what to do. */
function hubLoadError(repo: HubRepo, dtype: string, error: unknown): Error {
  const message = messageOf(error);
  const missing = /Could not locate file: "([^"]+)"/.exec(message);
  if (missing) {
    const file = missing[1].split('/resolve/')[1]?.split('/').slice(1).join('/') ?? missing[1];
    return missingWeights(repo, dtype, file, missing[1]);
  }
  if (/fetch|network/i.test(message)) {
    return new ModelFetchError(`${repo.id}: a file could not be downloaded (${message})`, repo.host + repo.id);
  }
  return new ModelLoadError(`${repo.id}: transformers.js could not load it: ${message}`, { cause: error });
}

async function openHubCache(): Promise<Cache | null> {
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(HUB_CACHE);
  } catch {
    return null;
  }
}

async function cachedConfig(location: BundleLocation): Promise<unknown> {
  const cache = await openHubCache();
  const response = await cache?.match(bundleFileUrl(location, 'config.json')).catch(() => undefined);
  if (!response) return null;
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** The repo's files already in transformers.js's cache, relative to the repo (its cache keys are the URLs). */
async function cachedFiles(repo: HubRepo): Promise<Set<string>> {
  const cache = await openHubCache();
  const prefix = `${repo.host}${repo.id}/resolve/${encodeURIComponent(repo.revision)}/`;
  const keys = (await cache?.keys().catch(() => [])) ?? [];
  return new Set(
    keys
      .map((request) => request.url)
      .filter((url) => url.startsWith(prefix))
      .map((url) => url.slice(prefix.length)),
  );
}
