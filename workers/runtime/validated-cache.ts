/**
 * The Cache API store for bundle files, made safe against a model that changes on the server under the same
 * URL (a retrained export): each stored file keeps the server's validator (ETag, else Last-Modified), and a
 * cache hit is used only after a HEAD request says the file is unchanged, or when the network is unreachable
 * (offline use, the point of caching). Wraps src/core's BundleCache; src/core itself stays unaware.
 */
import type { BundleCache, FetchLike } from '../../src/core/bundle/loader';

/** The subset of the Cache API used here. */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

/** Header stored with each cached file: the validator the server sent with it. */
export const VALIDATOR_HEADER = 'x-glance-validator';

export function validatorOf(response: Response): string | null {
  return response.headers.get('etag') ?? response.headers.get('last-modified');
}

/**
 * Returns the fetch to give the loader (it notes each response's validator) and the cache (it stores them and
 * revalidates hits). `fetchFn` must accept `{ method: 'HEAD' }`.
 */
export function validatedCache(
  cache: CacheLike,
  fetchFn: (url: string, init?: RequestInit) => Promise<Response>,
): { fetch: FetchLike; cache: BundleCache & { delete(url: string): Promise<boolean> } } {
  const seen = new Map<string, string | null>();
  return {
    fetch: async (url, init) => {
      const response = await fetchFn(url, init);
      seen.set(url, validatorOf(response));
      return response;
    },
    cache: {
      async match(url) {
        const hit = await cache.match(url);
        if (!hit) return undefined;
        const stored = hit.headers.get(VALIDATOR_HEADER);
        if (!stored) return hit;
        let head: Response;
        try {
          head = await fetchFn(url, { method: 'HEAD', cache: 'no-store' });
        } catch {
          return hit; // offline: the cached copy is what there is
        }
        const current = head.ok ? validatorOf(head) : null;
        if (current !== null && current !== stored) {
          await cache.delete(url).catch(() => false);
          return undefined;
        }
        return hit;
      },
      async put(url, response) {
        const validator = seen.get(url);
        seen.delete(url);
        if (!validator) return cache.put(url, response);
        const headers = new Headers(response.headers);
        headers.set(VALIDATOR_HEADER, validator);
        return cache.put(url, new Response(response.body, { status: response.status, headers }));
      },
      delete: (url) => cache.delete(url),
    },
  };
}
