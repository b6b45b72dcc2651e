import { ModelFormatError } from '../errors';
import type { GlanceConfig } from './config';
import { type DetectConfig, validateDetectConfig } from './detect-config';
import { type BundleCache, type FetchLike, type OpenedFile, openFile, readFile, storeFile } from './fetch-file';
import { CONFIG_FILE, PART_NAMES, type PartName, TOKENIZER_FILE, partPath } from './files';
import { type BundleLocation, bundleFileUrl } from './resolve-url';
import { validateConfig } from './validate-config';

export type { BundleCache, FetchLike } from './fetch-file';

/**
 * Byte progress of a bundle download; totals are null while a server has not said how big a file is. The worker
 * sends it on as its load progress's 'download' phase (workers/runtime/wire.ts), field for field.
 */
export interface DownloadProgress {
  /** The file this event is about (path inside the bundle, e.g. `onnx/decoder_model_merged.onnx`). */
  file: string;
  /** Bytes of the whole bundle so far / in all. */
  loadedBytes: number;
  totalBytes: number | null;
  /** Bytes of `file` so far / in all. */
  fileLoaded: number;
  fileTotal: number | null;
  /** True when this file came from the cache (no network). */
  fromCache: boolean;
}

export interface LoadBundleOptions {
  fetch: FetchLike;
  cache?: BundleCache;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

/** Every file of a bundle, downloaded and the JSON ones validated; the ONNX bytes are handed to a backend. */
export interface BundleFiles {
  kind: 'glance-mmser';
  location: BundleLocation;
  config: GlanceConfig;
  /** Parsed tokenizer.json (give it to `createTokenizer`). */
  tokenizerJson: unknown;
  parts: Record<PartName, Uint8Array>;
  /** Files that came from the cache rather than the network. */
  cachedFiles: string[];
}

/** Every file of a real-world captioner bundle (`glance-detect`): its config and the ONNX parts it lists. */
export interface DetectBundleFiles {
  kind: 'glance-detect';
  location: BundleLocation;
  config: DetectConfig;
  parts: Record<string, Uint8Array>;
  cachedFiles: string[];
}

/** Any bundle the app runs, told apart by config.json's `model_type`. */
export type ModelFiles = BundleFiles | DetectBundleFiles;

/** Downloads a 'glance-mmser' bundle (loadModelFiles, refusing any other model_type). */
export async function loadBundleFiles(location: BundleLocation, options: LoadBundleOptions): Promise<BundleFiles> {
  const files = await loadModelFiles(location, { ...options, accept: ['glance-mmser'] });
  return files as BundleFiles;
}

/**
 * Downloads a bundle: config.json first (validated before the big files start), then the tokenizer and the
 * ONNX parts in parallel, with per-file and overall byte progress, caching each verified file.
 */
export async function loadModelFiles(
  location: BundleLocation,
  options: LoadBundleOptions & { accept?: readonly ModelFiles['kind'][] },
): Promise<ModelFiles> {
  const { fetch: fetchFn, cache } = options;
  // One failed file stops the others instead of letting them download into the void.
  const stopAll = new AbortController();
  const onOuterAbort = (): void => stopAll.abort();
  options.signal?.addEventListener('abort', onOuterAbort);
  if (options.signal?.aborted) stopAll.abort();
  const signal = stopAll.signal;
  let allOpened = false;
  const loaded = new Map<string, number>();
  const totals = new Map<string, number | null>();
  const cachedFiles: string[] = [];

  const report = (opened: OpenedFile, bytes: number): void => {
    loaded.set(opened.file, bytes);
    if (!options.onProgress) return;
    const allTotals = [...totals.values()];
    options.onProgress({
      file: opened.file,
      loadedBytes: sum([...loaded.values()]),
      totalBytes: !allOpened || allTotals.includes(null) ? null : sum(allTotals as number[]),
      fileLoaded: bytes,
      fileTotal: opened.expectedBytes,
      fromCache: opened.fromCache,
    });
  };
  const download = async (opened: OpenedFile): Promise<Uint8Array> => {
    const bytes = await readFile(opened, (n) => report(opened, n), signal);
    if (opened.fromCache) cachedFiles.push(opened.file);
    else if (cache) await storeFile(cache, opened.url, bytes);
    return bytes;
  };
  const open = (file: string): Promise<OpenedFile> =>
    openFile(file, bundleFileUrl(location, file), fetchFn, cache, signal);

  try {
    const configFile = await open(CONFIG_FILE);
    totals.set(CONFIG_FILE, configFile.expectedBytes);
    const json = parseJson(CONFIG_FILE, await download(configFile));
    const kind = modelType(json, options.accept);
    if (kind === 'glance-detect') {
      const config = validateDetectConfig(json);
      const files = config.parts.map((part) => `onnx/${part}.onnx`);
      const opened = await Promise.all(files.map(open));
      for (const file of opened) totals.set(file.file, file.expectedBytes);
      allOpened = true;
      const bytes = await Promise.all(opened.map(download));
      const parts = Object.fromEntries(config.parts.map((part, i) => [part, bytes[i]]));
      return { kind, location, config, parts, cachedFiles };
    }
    const config = validateConfig(json);

    const rest = [TOKENIZER_FILE, ...PART_NAMES.map(partPath)];
    const opened = await Promise.all(rest.map(open));
    for (const file of opened) totals.set(file.file, file.expectedBytes);
    allOpened = true;
    const bytes = await Promise.all(opened.map(download));

    const parts = {} as Record<PartName, Uint8Array>;
    PART_NAMES.forEach((part, i) => (parts[part] = bytes[i + 1]));
    return { kind, location, config, tokenizerJson: parseJson(TOKENIZER_FILE, bytes[0]), parts, cachedFiles };
  } catch (error) {
    stopAll.abort();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** config.json's model_type, when it is one this caller accepts (the mmser validator words the refusal otherwise). */
function modelType(json: unknown, accept: readonly ModelFiles['kind'][] = ['glance-mmser', 'glance-detect']) {
  const type = (json as { model_type?: unknown } | null)?.model_type;
  return type === 'glance-detect' && accept.includes(type) ? type : 'glance-mmser';
}

function parseJson(file: string, bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    const hint = /^\s*</.test(text) ? ' (got HTML or XML: is the file missing on the server?)' : '';
    throw new ModelFormatError(`${file}: is not valid JSON${hint}: ${(error as Error).message}`);
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
