/**
 * Downloads a bundle with src/core's loader (the one loader of the project: progress, validation, Cache API),
 * after a fresh look at its config.json. A reader given by the worker entry may take the bundle instead, from
 * that config (the test worker's parts fixture, workers/testing/).
 */
import type { CaptionEngine } from '../../src/core/engine';
import { createEngine } from '../../src/core/create-engine';
import { type FetchLike, openFile, readFile } from '../../src/core/bundle/fetch-file';
import { type BundleCache, loadModelFiles } from '../../src/core/bundle/loader';
import { ModelFetchError } from '../../src/core/errors';
import { DETECT_PARTS } from '../../src/core/bundle/detect-config';
import { type BundleLocation, bundleFileUrl } from '../../src/core/bundle/resolve-url';
import { CONFIG_FILE, REQUIRED_FILES } from '../../src/core/bundle/files';
import type { OrtBackend } from '../../src/ort/ort-backend';
import type { LoadProgress as WireProgress } from './wire';

/** A cache the worker can also prune (the Cache API's `Cache` is one). */
export interface PrunableCache extends BundleCache {
  delete(url: string): Promise<boolean>;
}

/** A downloaded bundle, ready to open: its ONNX parts, and how to build its captioner over them. */
export interface DownloadedBundle {
  modelType: string;
  /** ONNX bytes by part name, in the order the sessions are built. */
  parts: ReadonlyMap<string, Uint8Array>;
  /** Files served by the cache instead of the network. */
  cachedFiles: string[];
  /**
   * Builds the captioner once every part has a session. Absent for a bundle that only runs parts on plain
   * tensors (the test worker's fixture); the runtime's `caption` then rejects with NotLoadedError.
   */
  createEngine?: (backend: OrtBackend) => CaptionEngine;
  /** The model's ONNX files when the runtime builds no sessions for it (a hub model runs its own): for info. */
  partNames?: string[];
  /** The weights' dtype where the bundle had several to choose from (hub models: 'q8', 'fp16', 'fp32'). */
  dtype?: string;
  /** Frees what the bundle holds beyond the runtime's sessions (a hub model's own sessions). */
  dispose?: () => Promise<void>;
  /** The reader already ran the warm-up caption (a hub model, to see that it fits the device), in ms. */
  warmupMs?: number;
  /** Where the model runs when not on the worker's backend (a hub model WebGPU could not hold), and why. */
  ranOn?: { backend: 'wasm'; reason: string };
}

export interface DownloadOptions {
  fetch: FetchLike;
  cache?: PrunableCache;
  onProgress: (progress: WireProgress) => void;
  /** Reads a hub model that transformers.js runs (hub/read-hub-model.ts), tried after the reader given. */
  readHub?: BundleReader;
}

/**
 * Reads a bundle that src/core's loader does not know, from its parsed config.json (null when it was not
 * JSON or could not be fetched); resolves null to leave the bundle to the loader.
 */
export type BundleReader = (
  location: BundleLocation,
  config: unknown,
  options: DownloadOptions,
) => Promise<DownloadedBundle | null>;

export async function downloadBundle(
  location: BundleLocation,
  options: DownloadOptions,
  readOther?: BundleReader,
): Promise<DownloadedBundle> {
  const { fetch: fetchFn, cache, onProgress } = options;
  const config = await peekConfig(location, fetchFn, cache);
  const other = readOther ? await readOther(location, config, options) : null;
  if (other) return other;
  const hub = options.readHub ? await options.readHub(location, config, options) : null;
  if (hub) return hub;
  const files = await loadModelFiles(location, {
    fetch: fetchFn,
    cache,
    onProgress: (p) => onProgress({ phase: 'download', ...p }),
  });
  return {
    modelType: files.config.model_type,
    parts: new Map(Object.entries(files.parts)),
    cachedFiles: files.cachedFiles,
    createEngine: (backend) => createEngine(files, backend),
  };
}

/**
 * Reads config.json from the network first (the cache only when offline), to notice a bundle that changed on
 * the server: a config that differs from the cached one drops every cached file of the bundle, so a retrained
 * model at the same URL is not served stale forever. Returns the parsed config, or null (offline, not JSON).
 */
async function peekConfig(location: BundleLocation, fetchFn: FetchLike, cache: PrunableCache | undefined) {
  const url = bundleFileUrl(location, CONFIG_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(await openFile(CONFIG_FILE, url, fetchFn, undefined, undefined), () => undefined, undefined);
  } catch (error) {
    // Offline (no HTTP status): the cached bundle, if any, is all there is; let the core loader decide.
    const status = (error as { status?: number }).status;
    if (cache && status === undefined) return null;
    // The hub answers 401 for a repo that does not exist (or is private), 404 for a missing file.
    if (location.isHub && (status === 401 || status === 404)) {
      throw new ModelFetchError(
        `no model at ${location.baseUrl}: the repo does not exist, is private, or has no config.json (HTTP ${status})`,
        url,
        status,
      );
    }
    throw error;
  }
  if (cache) await pruneIfChanged(location, cache, bytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    // The core loader reports an unparsable config with the file name and a hint.
    return null;
  }
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
