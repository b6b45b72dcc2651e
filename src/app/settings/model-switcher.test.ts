import { describe, expect, it } from 'vitest';
import type { ClientStatus, RuntimeInfo } from '../../bridge/captioner-client';
import { createModelSwitcher, MODEL_CHOICE_KEY } from './model-switcher';

const DEFAULT = '/models/default/';

function info(url: string): RuntimeInfo {
  return { backend: 'wasm', bundle: { url, name: url, captioner: true } } as unknown as RuntimeInfo;
}

/** A client that loads any URL except those in `broken`, and records the order of loads. */
function fakeClient(broken: string[] = []) {
  const loads: string[] = [];
  const statusListeners = new Set<(s: ClientStatus) => void>();
  return {
    loads,
    emitStatus: (s: ClientStatus) => statusListeners.forEach((l) => l(s)),
    client: {
      load: async (url: string, onProgress?: (p: never) => void) => {
        loads.push(url);
        void onProgress;
        await Promise.resolve();
        if (broken.includes(url)) {
          throw Object.assign(new Error(`tokenizer.json not found (HTTP 404) at ${url}tokenizer.json`), {
            name: 'ModelFetchError',
          });
        }
        return info(url);
      },
      onStatus: (listener: (s: ClientStatus) => void) => {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
    },
  };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('createModelSwitcher', () => {
  it('loads the default at start and reports ready', async () => {
    const { client } = fakeClient();
    const switcher = createModelSwitcher(client, DEFAULT, memoryStorage());
    expect(switcher.getSnapshot()).toEqual({ state: 'loading', progress: null });
    const settled = await switcher.settled;
    expect(settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(switcher.getModelState()).toEqual({ bundleUrl: DEFAULT, isDefault: true, change: { state: 'idle' } });
  });

  it('is ready with the first model when a later load overtakes it, and stays so when that one fails', async () => {
    const { client } = fakeClient(['/models/world/']);
    const switcher = createModelSwitcher(client, DEFAULT, memoryStorage());
    const later = switcher.useForNow('/models/world/');
    const settled = await switcher.settled;
    expect(settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(await later).toBe(false);
    expect(switcher.getSnapshot()).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(switcher.getModelState()).toMatchObject({ bundleUrl: DEFAULT, change: { state: 'failed' } });
  });

  it('switches to a new model and remembers it', async () => {
    const { client } = fakeClient();
    const storage = memoryStorage();
    const switcher = createModelSwitcher(client, DEFAULT, storage);
    await switcher.settled;
    expect(await switcher.switchTo('https://m.example/x/')).toBe(true);
    expect(switcher.getModelState()).toMatchObject({ bundleUrl: 'https://m.example/x/', isDefault: false });
    expect(switcher.getSnapshot()).toMatchObject({ state: 'ready', info: { bundle: { url: 'https://m.example/x/' } } });
    expect(storage.map.get(MODEL_CHOICE_KEY)).toBe('https://m.example/x/');
    expect(await switcher.useDefault()).toBe(true);
    expect(storage.map.has(MODEL_CHOICE_KEY)).toBe(false);
  });

  it('keeps the model in use when a switch fails, and says why', async () => {
    const { client } = fakeClient(['https://broken.example/']);
    const storage = memoryStorage();
    const switcher = createModelSwitcher(client, DEFAULT, storage);
    const before = await switcher.settled;
    expect(await switcher.switchTo('https://broken.example/')).toBe(false);
    expect(switcher.getSnapshot()).toBe(before);
    expect(switcher.getModelState()).toEqual({
      bundleUrl: DEFAULT,
      isDefault: true,
      change: {
        state: 'failed',
        url: 'https://broken.example/',
        error: {
          name: 'ModelFetchError',
          message: 'tokenizer.json not found (HTTP 404) at https://broken.example/tokenizer.json',
        },
      },
    });
    expect(storage.map.has(MODEL_CHOICE_KEY)).toBe(false);
  });

  it('starts with the remembered model, and falls back to the default when it no longer loads', async () => {
    const ok = fakeClient();
    const remembered = createModelSwitcher(ok.client, DEFAULT, memoryStorage({ [MODEL_CHOICE_KEY]: '/m/mine/' }));
    await remembered.settled;
    expect(ok.loads).toEqual(['/m/mine/']);
    expect(remembered.getModelState().bundleUrl).toBe('/m/mine/');

    const gone = fakeClient(['/m/gone/']);
    const storage = memoryStorage({ [MODEL_CHOICE_KEY]: '/m/gone/' });
    const fallback = createModelSwitcher(gone.client, DEFAULT, storage);
    expect(await fallback.settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(gone.loads).toEqual(['/m/gone/', DEFAULT]);
    expect(fallback.getModelState()).toMatchObject({
      bundleUrl: DEFAULT,
      change: { state: 'failed', url: '/m/gone/' },
    });
    expect(storage.map.has(MODEL_CHOICE_KEY)).toBe(false);
  });

  it("starts with the page's ?model= over the remembered one, without remembering it", async () => {
    const ok = fakeClient();
    const storage = memoryStorage({ [MODEL_CHOICE_KEY]: '/m/mine/' });
    const asked = createModelSwitcher(ok.client, DEFAULT, storage, undefined, '/m/asked/');
    await asked.settled;
    expect(ok.loads).toEqual(['/m/asked/']);
    expect(asked.getModelState()).toMatchObject({ bundleUrl: '/m/asked/', isDefault: false });
    expect(storage.map.get(MODEL_CHOICE_KEY)).toBe('/m/mine/');

    const gone = fakeClient(['/m/gone/']);
    const kept = memoryStorage({ [MODEL_CHOICE_KEY]: '/m/mine/' });
    const fallback = createModelSwitcher(gone.client, DEFAULT, kept, undefined, '/m/gone/');
    expect(await fallback.settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(kept.map.get(MODEL_CHOICE_KEY)).toBe('/m/mine/');
  });

  it('reports an error when even the default fails', async () => {
    const { client } = fakeClient([DEFAULT]);
    const switcher = createModelSwitcher(client, DEFAULT, null);
    expect(await switcher.settled).toMatchObject({ state: 'error', error: { name: 'ModelFetchError' } });
  });

  it('puts the model in use back when a crash restart reloads a model that had failed', async () => {
    const fake = fakeClient(['https://broken.example/']);
    const switcher = createModelSwitcher(fake.client, DEFAULT, null);
    await switcher.settled;
    await switcher.switchTo('https://broken.example/');
    fake.emitStatus({ state: 'restarting', url: 'https://broken.example/', progress: null, crashes: 1 });
    expect(fake.loads.at(-1)).toBe(DEFAULT);
  });

  it('recognises the failed model in a crash restart by its resolved URL, as the client reports it', async () => {
    const fake = fakeClient(['models/broken/']);
    const switcher = createModelSwitcher(fake.client, DEFAULT, null, 'https://glance.example/app/');
    await switcher.settled;
    await switcher.switchTo('models/broken/');
    fake.emitStatus({
      state: 'restarting',
      url: 'https://glance.example/app/models/broken/',
      progress: null,
      crashes: 1,
    });
    expect(fake.loads.at(-1)).toBe(DEFAULT);
  });

  it('leaves a crash restart alone when it reloads a model someone else loaded', async () => {
    const fake = fakeClient();
    const switcher = createModelSwitcher(fake.client, DEFAULT, null);
    await switcher.settled;
    const before = fake.loads.length;
    fake.emitStatus({ state: 'restarting', url: '/loaded/by/a/test/', progress: null, crashes: 1 });
    expect(fake.loads.length).toBe(before);
  });
});
