import { CancelledError, ModelFetchError } from '../errors';

/** The subset of `fetch` the loader uses; inject `globalThis.fetch`, a Node file fetch or a test fake. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/**
 * The subset of the Cache API the loader uses: the worker passes `await caches.open('glance-models-v1')`.
 * Only complete, length-checked downloads are put into it.
 */
export interface BundleCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

/** A started download: headers are in, the body is not read yet. */
export interface OpenedFile {
  file: string;
  url: string;
  /** Bytes the body should have; null when the server did not say (or compressed the body). */
  expectedBytes: number | null;
  fromCache: boolean;
  response: Response;
}

/** Starts one download, from the cache when it holds the file. Throws ModelFetchError for HTTP errors. */
export async function openFile(
  file: string,
  url: string,
  fetchFn: FetchLike,
  cache: BundleCache | undefined,
  signal: AbortSignal | undefined,
): Promise<OpenedFile> {
  const cached = cache ? await cache.match(url).catch(() => undefined) : undefined;
  if (cached) return { file, url, expectedBytes: declaredLength(cached), fromCache: true, response: cached };

  let response: Response;
  try {
    response = await fetchFn(url, { signal });
  } catch (error) {
    if (signal?.aborted) throw new CancelledError(`download of ${file} cancelled`);
    throw new ModelFetchError(`${file}: could not fetch ${url} (${(error as Error).message ?? error})`, url);
  }
  if (response.status === 404) {
    throw new ModelFetchError(`${file} not found (HTTP 404) at ${url}`, url, 404);
  }
  if (!response.ok) {
    throw new ModelFetchError(
      `${file}: HTTP ${response.status} ${response.statusText} at ${url}`,
      url,
      response.status,
    );
  }
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    // Dev servers answer a missing path with the app's index.html and status 200.
    throw new ModelFetchError(`${file} not found at ${url} (the server returned an HTML page)`, url, response.status);
  }
  return { file, url, expectedBytes: declaredLength(response), fromCache: false, response };
}

/**
 * Reads the body, calling `onBytes(loadedSoFar)` per chunk, and checks the length against Content-Length so a
 * cut connection is an error rather than a corrupt model.
 */
export async function readFile(
  opened: OpenedFile,
  onBytes: (loaded: number) => void,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const { file, url, response } = opened;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        if (signal?.aborted) {
          await reader.cancel().catch(() => undefined);
          throw new CancelledError(`download of ${file} cancelled`);
        }
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onBytes(loaded);
      }
    } else {
      const whole = new Uint8Array(await response.arrayBuffer());
      chunks.push(whole);
      loaded = whole.byteLength;
      onBytes(loaded);
    }
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    if (signal?.aborted) throw new CancelledError(`download of ${file} cancelled`);
    throw new ModelFetchError(
      `${file}: download from ${url} failed after ${loaded} bytes (${(error as Error).message})`,
      url,
    );
  }
  if (opened.expectedBytes !== null && loaded !== opened.expectedBytes) {
    throw new ModelFetchError(
      `${file} is truncated: got ${loaded} of ${opened.expectedBytes} bytes from ${url}${opened.fromCache ? ' (cache)' : ''}`,
      url,
    );
  }
  if (loaded === 0) throw new ModelFetchError(`${file} is empty at ${url}`, url);
  return concat(chunks, loaded);
}

/** Stores a verified download; a full or unavailable cache only costs the next visit a download. */
export async function storeFile(cache: BundleCache, url: string, bytes: Uint8Array): Promise<void> {
  const response = new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { 'content-length': String(bytes.byteLength), 'content-type': 'application/octet-stream' },
  });
  await cache.put(url, response).catch(() => undefined);
}

function declaredLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return null; // Content-Length then counts compressed bytes
  const header = response.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
