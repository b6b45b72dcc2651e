import { describe, expect, it } from 'vitest';
import { currentBundleUrl, dropRetiredBundles, retiredFolderOf } from './retired-bundles';
import { WORLD_BUNDLE_URL } from './shipped-models';

const PAGE = 'https://glance.example/app/index.html?model=world';
const SHIPPED = { world: '/models/glance-world-v3/', real: '/models/glance-real-v1/' };
const RULES = { retired: { 'glance-world-v1': 'world' }, shipped: SHIPPED };

describe('currentBundleUrl', () => {
  it("sends a retired folder's URL to its successor, however it was saved", () => {
    for (const saved of [
      '/models/glance-world-v1/',
      '/models/glance-world-v1',
      'https://glance.example/models/glance-world-v1/',
    ]) {
      expect(currentBundleUrl(saved, PAGE, RULES), saved).toBe('/models/glance-world-v3/');
    }
  });

  it('leaves current bundles, other origins, other folders and hub repos alone', () => {
    for (const saved of [
      '/models/glance-world-v3/',
      '/models/glance-real-v1/',
      'https://elsewhere.example/models/glance-world-v1/',
      '/models/glance-world-v1/extra/',
      '/other/glance-world-v1/',
      'Xenova/vit-gpt2-image-captioning',
      'http://[bad',
    ]) {
      expect(currentBundleUrl(saved, PAGE, RULES), saved).toBe(saved);
    }
  });

  it('never retires a folder the app ships now', () => {
    expect(
      retiredFolderOf('/models/glance-real-v1/', PAGE, { retired: { 'glance-real-v1': 'world' }, shipped: SHIPPED }),
    ).toBeNull();
  });

  it('knows no retired folder when the table is empty', () => {
    expect(retiredFolderOf('/models/glance-world-v1/', PAGE, { retired: {}, shipped: SHIPPED })).toBeNull();
    expect(retiredFolderOf('/models/glance-world-v1/', PAGE, RULES)).toBe('glance-world-v1');
  });
});

/** A Cache API stand-in over URLs. */
function fakeStorage(name: string, urls: string[]) {
  const kept = new Set(urls);
  const cache = {
    keys: async () => [...kept].map((url) => ({ url }) as Request),
    delete: async (request: Request) => kept.delete(request.url),
  };
  return {
    kept,
    storage: {
      has: async (n: string) => n === name,
      open: async () => cache as unknown as Cache,
    },
  };
}

describe('the shipped table', () => {
  it('sends both earlier world bundles to the world model the app ships now', () => {
    for (const folder of ['glance-world-v1', 'glance-world-v2']) {
      expect(currentBundleUrl(`/models/${folder}/`, PAGE)).toBe(WORLD_BUNDLE_URL);
    }
    expect(WORLD_BUNDLE_URL).toBe('/models/glance-world-v3/');
    expect(currentBundleUrl(WORLD_BUNDLE_URL, PAGE)).toBe(WORLD_BUNDLE_URL);
  });
});

describe('dropRetiredBundles', () => {
  it("deletes a retired bundle's files and nothing else", async () => {
    const { kept, storage } = fakeStorage('glance-models-v1', [
      'https://glance.example/models/glance-world-v1/config.json',
      'https://glance.example/models/glance-world-v1/vision_encoder.onnx',
      'https://glance.example/models/glance-world-v3/config.json',
      'https://glance.example/models/glance-real-v1/config.json',
      'https://elsewhere.example/models/glance-world-v1/config.json',
    ]);
    expect(await dropRetiredBundles(storage, 'glance-models-v1', PAGE, RULES)).toBe(2);
    expect([...kept]).toEqual([
      'https://glance.example/models/glance-world-v3/config.json',
      'https://glance.example/models/glance-real-v1/config.json',
      'https://elsewhere.example/models/glance-world-v1/config.json',
    ]);
  });

  it('does nothing without the cache', async () => {
    const { storage } = fakeStorage('glance-models-v1', []);
    expect(await dropRetiredBundles(storage, 'another-cache', PAGE, RULES)).toBe(0);
  });
});
