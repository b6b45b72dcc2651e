import { describe, expect, it } from 'vitest';
import { type BundleCache, type DownloadProgress, loadBundleFiles } from './loader';
import { resolveBundleUrl } from './resolve-url';
import { REQUIRED_FILES } from './files';
import { toyConfig } from '../testing/toy-model';

const BASE = 'https://models.example/glance/';
const location = resolveBundleUrl(BASE);

/** A server holding every bundle file; bodies are sent in 3-byte chunks so progress has steps. */
function files(): Map<string, Uint8Array> {
  const enc = new TextEncoder();
  const map = new Map<string, Uint8Array>();
  map.set('config.json', enc.encode(JSON.stringify(toyConfig())));
  map.set('tokenizer.json', enc.encode('{"model":{"type":"WordLevel","vocab":{}}}'));
  for (const file of REQUIRED_FILES.filter((f) => f.endsWith('.onnx')))
    map.set(file, new Uint8Array(10).fill(file.length));
  return map;
}

interface ServerOptions {
  /** Content-Length to claim per file (default: the true length). */
  claim?: Record<string, number | null>;
  status?: Record<string, number>;
  html?: string[];
}

function server(content: Map<string, Uint8Array>, options: ServerOptions = {}) {
  const requested: string[] = [];
  const fetch = async (url: string): Promise<Response> => {
    requested.push(url);
    const file = url.slice(BASE.length);
    const status = options.status?.[file] ?? (content.has(file) ? 200 : 404);
    if (status !== 200) return new Response('nope', { status, statusText: 'Error' });
    if (options.html?.includes(file))
      return new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } });
    const body = content.get(file)!;
    const headers = new Headers();
    const claim = options.claim && file in options.claim ? options.claim[file] : body.length;
    if (claim !== null) headers.set('content-length', String(claim));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 3) controller.enqueue(body.slice(i, i + 3));
        controller.close();
      },
    });
    return new Response(stream, { headers });
  };
  return { fetch, requested };
}

function memoryCache(): BundleCache & { store: Map<string, Uint8Array> } {
  const store = new Map<string, Uint8Array>();
  return {
    store,
    async match(url) {
      const bytes = store.get(url);
      return bytes
        ? new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.length) } })
        : undefined;
    },
    async put(url, response) {
      store.set(url, new Uint8Array(await response.arrayBuffer()));
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('loadBundleFiles', () => {
  it('downloads every file, validates the config and reports per-file and overall progress', async () => {
    const content = files();
    const { fetch } = server(content);
    const events: DownloadProgress[] = [];
    const bundle = await loadBundleFiles(location, { fetch, onProgress: (p) => events.push(p) });
    expect(bundle.config.decoder.vocab_size).toBe(12);
    expect(bundle.parts.decoder_model_merged.length).toBe(10);
    expect(bundle.tokenizerJson).toEqual({ model: { type: 'WordLevel', vocab: {} } });

    const grandTotal = [...content.values()].reduce((a, b) => a + b.length, 0);
    const last = events.at(-1)!;
    expect(last.loadedBytes).toBe(grandTotal);
    expect(last.totalBytes).toBe(grandTotal);
    // every file reaches its own total, and the overall count never goes down
    for (const [file, bytes] of content) {
      const mine = events.filter((e) => e.file === file);
      expect(mine.at(-1)).toMatchObject({ fileLoaded: bytes.length, fileTotal: bytes.length });
      expect(mine.length).toBe(Math.ceil(bytes.length / 3));
    }
    events.reduce((prev, e) => (expect(e.loadedBytes).toBeGreaterThanOrEqual(prev), e.loadedBytes), 0);
    // while only config.json is known, the overall total is unknown rather than wrong
    expect(events[0]).toMatchObject({ file: 'config.json', totalBytes: null });
  });

  it('reports a 404 with the file and the URL', async () => {
    const content = files();
    content.delete('onnx/connector.onnx');
    const error = await failure(loadBundleFiles(location, server(content)));
    expect(error.name).toBe('ModelFetchError');
    expect(error.message).toBe(`onnx/connector.onnx not found (HTTP 404) at ${BASE}onnx/connector.onnx`);
    expect((error as unknown as { status: number }).status).toBe(404);
  });

  it('reports other HTTP errors and an HTML page served instead of a model', async () => {
    const error = await failure(loadBundleFiles(location, server(files(), { status: { 'tokenizer.json': 503 } })));
    expect(error.message).toMatch(/^tokenizer\.json: HTTP 503/);
    const html = await failure(loadBundleFiles(location, server(files(), { html: ['onnx/embed_tokens.onnx'] })));
    expect(html.message).toMatch(/onnx\/embed_tokens\.onnx not found .*HTML page/);
  });

  it('detects a truncated download', async () => {
    const error = await failure(
      loadBundleFiles(location, server(files(), { claim: { 'onnx/vision_encoder.onnx': 25 } })),
    );
    expect(error.name).toBe('ModelFetchError');
    expect(error.message).toMatch(/^onnx\/vision_encoder\.onnx is truncated: got 10 of 25 bytes/);
  });

  it('reports an unknown overall total when a server omits Content-Length', async () => {
    const events: DownloadProgress[] = [];
    await loadBundleFiles(location, {
      ...server(files(), { claim: { 'tokenizer.json': null } }),
      onProgress: (p) => events.push(p),
    });
    expect(events.at(-1)!.totalBytes).toBeNull();
    expect(events.filter((e) => e.file === 'tokenizer.json').at(-1)!.fileTotal).toBeNull();
  });

  it('fails fast on an invalid config before fetching the big files', async () => {
    const content = files();
    content.set('config.json', new TextEncoder().encode('{"model_type":"glance-mmser","format_version":1}'));
    const { fetch, requested } = server(content);
    const error = await failure(loadBundleFiles(location, { fetch }));
    expect(error.message).toBe('config.json: image is missing');
    expect(requested).toEqual([`${BASE}config.json`]);
  });

  it('explains a config that is not JSON', async () => {
    const content = files();
    content.set('config.json', new TextEncoder().encode('<html>'));
    const error = await failure(loadBundleFiles(location, server(content)));
    expect(error.name).toBe('ModelFormatError');
    expect(error.message).toMatch(/config\.json: is not valid JSON \(got HTML/);
  });

  it('caches verified files and loads offline the second time', async () => {
    const cache = memoryCache();
    const first = server(files());
    await loadBundleFiles(location, { fetch: first.fetch, cache });
    expect(cache.store.size).toBe(REQUIRED_FILES.length);

    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const events: DownloadProgress[] = [];
    const bundle = await loadBundleFiles(location, { fetch: offline, cache, onProgress: (p) => events.push(p) });
    expect(bundle.cachedFiles.sort()).toEqual([...REQUIRED_FILES].sort());
    expect(events.every((e) => e.fromCache)).toBe(true);
  });

  it('does not cache a truncated file', async () => {
    const cache = memoryCache();
    await failure(loadBundleFiles(location, { ...server(files(), { claim: { 'onnx/connector.onnx': 99 } }), cache }));
    expect(cache.store.has(`${BASE}onnx/connector.onnx`)).toBe(false);
  });

  it('turns a network failure into a ModelFetchError and an abort into a CancelledError', async () => {
    const down = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const error = await failure(loadBundleFiles(location, { fetch: down }));
    expect(error.name).toBe('ModelFetchError');
    expect(error.message).toMatch(/config\.json: could not fetch .*Failed to fetch/);

    const controller = new AbortController();
    const { fetch } = server(files());
    const cancelled = failure(
      loadBundleFiles(location, {
        fetch,
        signal: controller.signal,
        onProgress: (p) => p.file.endsWith('.onnx') && controller.abort(),
      }),
    );
    expect((await cancelled).name).toBe('CancelledError');
  });
});
