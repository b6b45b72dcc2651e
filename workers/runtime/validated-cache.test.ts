import { describe, expect, it } from 'vitest';
import { VALIDATOR_HEADER, validatedCache, type CacheLike } from './validated-cache';

/** An in-memory Cache API stand-in. */
class MemoryCache implements CacheLike {
  readonly store = new Map<string, Response>();
  async match(url: string) {
    return this.store.get(url)?.clone();
  }
  async put(url: string, response: Response) {
    this.store.set(url, response);
  }
  async delete(url: string) {
    return this.store.delete(url);
  }
}

/** A server whose files carry an ETag the test can change; `online` false makes every fetch fail. */
function server() {
  const state = { etag: 'W/"1"', online: true, heads: 0, gets: 0 };
  const fetchFn = async (_url: string, init?: RequestInit) => {
    if (!state.online) throw new TypeError('Failed to fetch');
    if (init?.method === 'HEAD') state.heads++;
    else state.gets++;
    return new Response(init?.method === 'HEAD' ? null : 'bytes', { headers: { etag: state.etag } });
  };
  return { state, fetchFn };
}

const URL_A = 'https://example.org/models/m/onnx/connector.onnx';

async function download(wrapped: ReturnType<typeof validatedCache>) {
  const hit = await wrapped.cache.match(URL_A);
  if (hit) return 'cache';
  const response = await wrapped.fetch(URL_A);
  await wrapped.cache.put(URL_A, new Response(await response.arrayBuffer()));
  return 'network';
}

describe('validatedCache', () => {
  it('stores the server validator with the file and serves the file while it is unchanged', async () => {
    const cache = new MemoryCache();
    const { state, fetchFn } = server();
    const wrapped = validatedCache(cache, fetchFn);
    expect(await download(wrapped)).toBe('network');
    expect(cache.store.get(URL_A)?.headers.get(VALIDATOR_HEADER)).toBe('W/"1"');
    expect(await download(wrapped)).toBe('cache');
    expect(state).toMatchObject({ gets: 1, heads: 1 });
  });

  it('drops a cached file the server has replaced, and downloads the new one', async () => {
    const cache = new MemoryCache();
    const { state, fetchFn } = server();
    const wrapped = validatedCache(cache, fetchFn);
    await download(wrapped);
    state.etag = 'W/"2"';
    expect(await download(wrapped)).toBe('network');
    expect(cache.store.get(URL_A)?.headers.get(VALIDATOR_HEADER)).toBe('W/"2"');
  });

  it('serves the cached file when the network is gone (offline)', async () => {
    const cache = new MemoryCache();
    const { state, fetchFn } = server();
    const wrapped = validatedCache(cache, fetchFn);
    await download(wrapped);
    state.online = false;
    expect(await download(wrapped)).toBe('cache');
  });

  it('stores files from servers without validators as they are, and uses them without asking', async () => {
    const cache = new MemoryCache();
    let heads = 0;
    const wrapped = validatedCache(cache, async (_url, init) => {
      if (init?.method === 'HEAD') heads++;
      return new Response('bytes');
    });
    await download(wrapped);
    expect(cache.store.get(URL_A)?.headers.get(VALIDATOR_HEADER)).toBeNull();
    expect(await download(wrapped)).toBe('cache');
    expect(heads).toBe(0);
  });
});
