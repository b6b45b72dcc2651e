/**
 * Bundle folders the app shipped once and no longer does, each with the short name of its successor
 * (shipped-models.ts). The model cache serves a bundle's files by URL, cache first, for good
 * (src/core/bundle/fetch-file.ts), so a retrained model ships under a new folder instead of over the old files.
 * These rules keep an old folder's URL working wherever it was saved (a remembered choice, a `?model=` link, an
 * embed page's `model`) and let the app drop the old files from the cache.
 */
import { SHIPPED_MODEL_URLS } from './shipped-models';

/** Folder name under `models/` -> the short name of the bundle that replaced it. */
export const RETIRED_BUNDLES: Readonly<Record<string, string>> = {
  'glance-world-v1': 'world',
  'glance-world-v2': 'world',
};

/** The rules: retired folders and the shipped bundles' URLs by short name (parameters for tests). */
export interface Tables {
  retired: Readonly<Record<string, string>>;
  shipped: Readonly<Record<string, string>>;
}

const TABLES: Tables = { retired: RETIRED_BUNDLES, shipped: SHIPPED_MODEL_URLS };

/** The path of `url` under this app's `models/` folder, or null when it lies elsewhere or does not parse. */
function pathUnderModels(url: string, pageUrl: string): string | null {
  const models = new URL(`${import.meta.env.BASE_URL}models/`, pageUrl).href;
  try {
    const absolute = new URL(url, pageUrl).href;
    return absolute.startsWith(models) ? absolute.slice(models.length) : null;
  } catch {
    return null;
  }
}

/** The retired folder a bundle URL names (this app's `models/<folder>/`, trailing slash optional), or null. */
export function retiredFolderOf(url: string, pageUrl: string, tables: Tables = TABLES): string | null {
  const folder = pathUnderModels(url, pageUrl)?.replace(/\/$/, '');
  return folder !== undefined && isRetired(folder, tables) ? folder : null;
}

/** In the table and not shipped now (a table entry left behind must never send users away from a live bundle). */
function isRetired(folder: string, { retired, shipped }: Tables): boolean {
  if (!Object.hasOwn(retired, folder)) return false;
  return !Object.values(shipped).some((url) => url.endsWith(`/${folder}/`));
}

/**
 * The URL to load for a saved bundle URL: its successor's when it names a retired folder of this app, else
 * itself (other origins, hub repos and current bundles are left alone).
 */
export function currentBundleUrl(url: string, pageUrl: string, tables: Tables = TABLES): string {
  const folder = retiredFolderOf(url, pageUrl, tables);
  return folder === null ? url : (tables.shipped[tables.retired[folder]] ?? url);
}

/** The subset of the Cache API the pruning needs. */
export type RetiredCacheStorage = Pick<CacheStorage, 'has' | 'open'>;

/**
 * Deletes the cached files of retired bundles from the model cache `cacheName`; resolves how many went. Runs at
 * start-up: nothing loads them any more (currentBundleUrl sends their URLs to the successor).
 */
export async function dropRetiredBundles(
  storage: RetiredCacheStorage,
  cacheName: string,
  pageUrl: string,
  tables: Tables = TABLES,
): Promise<number> {
  if (!(await storage.has(cacheName))) return 0;
  const cache = await storage.open(cacheName);
  let dropped = 0;
  for (const request of await cache.keys()) {
    const folder = pathUnderModels(request.url, pageUrl)?.split('/')[0];
    if (folder !== undefined && isRetired(folder, tables) && (await cache.delete(request))) dropped++;
  }
  return dropped;
}
