import { describe, expect, it } from 'vitest';
import {
  bundleBaseOf,
  clearCachedModels,
  HUB_CACHE,
  MODEL_CACHE,
  readCacheReport,
  type CacheStorageLike,
} from './model-cache';

/** An in-memory CacheStorage with the calls model-cache.ts makes. */
function fakeCaches(contents: Record<string, Record<string, Response>>): CacheStorageLike {
  const stores = new Map(Object.entries(contents).map(([name, entries]) => [name, new Map(Object.entries(entries))]));
  const cacheOf = (entries: Map<string, Response>) =>
    ({
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
      match: async (request: Request) => entries.get(request.url)?.clone(),
      delete: async (request: Request) => entries.delete(request.url),
    }) as unknown as Cache;
  return {
    has: async (name) => stores.has(name),
    keys: async () => [...stores.keys()],
    open: async (name) => {
      if (!stores.has(name)) stores.set(name, new Map());
      return cacheOf(stores.get(name)!);
    },
    delete: async (name) => stores.delete(name),
  };
}

const bytes = (n: number, withLength = true) =>
  new Response(new Uint8Array(n), withLength ? { headers: { 'content-length': String(n) } } : {});

describe('bundleBaseOf', () => {
  it('strips a bundle file path, keeps other URLs', () => {
    expect(bundleBaseOf('https://h/m/x/onnx/vision_encoder.onnx')).toBe('https://h/m/x/');
    expect(bundleBaseOf('https://h/m/x/config.json')).toBe('https://h/m/x/');
    expect(bundleBaseOf('https://huggingface.co/o/n/resolve/main/tokenizer.json')).toBe(
      'https://huggingface.co/o/n/resolve/main/',
    );
    expect(bundleBaseOf('https://hub.local/o/n/resolve/v2/onnx/encoder_model_quantized.onnx')).toBe(
      'https://hub.local/o/n/resolve/v2/',
    );
    expect(bundleBaseOf('https://h/other.bin')).toBe('https://h/other.bin');
  });

  it("groups every file of the real-world bundle, whose ONNX parts are not the world model's", () => {
    const base = 'https://h/models/glance-real-v1/';
    const files = ['config.json', ...['detector', 'face', 'pose', 'hand', 'expression'].map((p) => `onnx/${p}.onnx`)];
    for (const file of files) expect(bundleBaseOf(base + file)).toBe(base);
    expect(bundleBaseOf('https://h/m/x/tokenizer_config.json')).toBe('https://h/m/x/');
    expect(bundleBaseOf('https://h/m/x/onnx/model.onnx_data')).toBe('https://h/m/x/');
    // Not a bundle file: kept whole.
    expect(bundleBaseOf('https://h/m/x/onnx/notes.txt')).toBe('https://h/m/x/onnx/notes.txt');
    expect(bundleBaseOf('https://h/m/x/photo.json')).toBe('https://h/m/x/photo.json');
  });
});

describe('readCacheReport', () => {
  it('groups model files by bundle and sums their sizes; sums the shell caches', async () => {
    const storage = fakeCaches({
      [MODEL_CACHE]: {
        'https://a/m/one/config.json': bytes(100),
        'https://a/m/one/onnx/connector.onnx': bytes(5000),
        'https://b/m/two/tokenizer.json': bytes(300, false),
      },
      'glance-shell-abc': { 'https://a/': bytes(700), 'https://a/ort/x.wasm': bytes(9000) },
      'someone-else': { 'https://a/z': bytes(1) },
    });
    expect(await readCacheReport(storage)).toEqual({
      models: [
        { baseUrl: 'https://a/m/one/', files: 2, bytes: 5100 },
        { baseUrl: 'https://b/m/two/', files: 1, bytes: 300 },
      ],
      shellBytes: 9700,
    });
  });

  it("lists hub models from transformers.js's cache beside Glance bundles, and clears them too", async () => {
    const storage = fakeCaches({
      [MODEL_CACHE]: { 'https://a/m/one/config.json': bytes(100) },
      [HUB_CACHE]: {
        'https://huggingface.co/o/n/resolve/main/config.json': bytes(10),
        'https://huggingface.co/o/n/resolve/main/onnx/decoder_model_merged_quantized.onnx': bytes(2000),
      },
    });
    expect((await readCacheReport(storage)).models).toEqual([
      { baseUrl: 'https://a/m/one/', files: 1, bytes: 100 },
      { baseUrl: 'https://huggingface.co/o/n/resolve/main/', files: 2, bytes: 2010 },
    ]);
    await clearCachedModels(storage, 'https://huggingface.co/o/n/resolve/main/');
    expect((await readCacheReport(storage)).models.map((m) => m.baseUrl)).toEqual(['https://a/m/one/']);
  });

  it('reports nothing when nothing is cached', async () => {
    expect(await readCacheReport(fakeCaches({}))).toEqual({ models: [], shellBytes: 0 });
  });
});

describe('clearCachedModels', () => {
  it("removes all of the real-world bundle's files with its row", async () => {
    const base = 'https://a/models/glance-real-v1/';
    const storage = fakeCaches({
      [MODEL_CACHE]: {
        [`${base}config.json`]: bytes(10),
        [`${base}onnx/detector.onnx`]: bytes(400),
        [`${base}onnx/pose.onnx`]: bytes(300),
        'https://a/models/glance-world-v3/config.json': bytes(1),
      },
    });
    expect((await readCacheReport(storage)).models).toEqual([
      { baseUrl: base, files: 3, bytes: 710 },
      { baseUrl: 'https://a/models/glance-world-v3/', files: 1, bytes: 1 },
    ]);
    await clearCachedModels(storage, base);
    expect((await readCacheReport(storage)).models.map((m) => m.baseUrl)).toEqual([
      'https://a/models/glance-world-v3/',
    ]);
  });

  it('removes one bundle, or all models, and never the shell', async () => {
    const storage = fakeCaches({
      [MODEL_CACHE]: { 'https://a/m/one/config.json': bytes(1), 'https://b/m/two/config.json': bytes(2) },
      'glance-shell-abc': { 'https://a/': bytes(3) },
    });
    await clearCachedModels(storage, 'https://a/m/one/');
    expect((await readCacheReport(storage)).models.map((m) => m.baseUrl)).toEqual(['https://b/m/two/']);
    await clearCachedModels(storage);
    expect(await readCacheReport(storage)).toEqual({ models: [], shellBytes: 3 });
  });
});
