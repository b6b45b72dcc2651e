import { describe, expect, it } from 'vitest';
import type { ClientStatus, RuntimeInfo } from '../../bridge/captioner-client';
import { createModelSwitcher, MODEL_CHOICE_KEY } from './model-switcher';

const DEFAULT = '/models/default/';

/** A model under /gpu-fallback/ is one the worker moved from WebGPU to WASM, with a notice that says so. */
function info(url: string): RuntimeInfo {
  const notice = url.includes('/gpu-fallback/')
    ? 'WebGPU ran out of memory for it; it runs on WASM (q8) instead'
    : null;
  return { backend: 'wasm', bundle: { url, name: url, captioner: true, notice } } as unknown as RuntimeInfo;
}

/**
 * A client that loads any URL except those in `broken`, records the order of loads, and reports its status as the
 * bridge does: 'loading' while a load goes on (until `hold[url]` resolves, where given); when the newest load ends, ready with the last model that loaded,
 * or error when none has.
 */
function fakeClient(broken: string[] = [], hold: Record<string, Promise<void>> = {}) {
  const loads: string[] = [];
  const listeners = new Set<(status: ClientStatus) => void>();
  let serial = 0;
  let inUse: string | null = null;
  const setStatus = (status: ClientStatus) => {
    client.status = status;
    for (const listener of [...listeners]) listener(status);
  };
  const client = {
    status: { state: 'idle' } as ClientStatus,
    onStatus: (listener: (status: ClientStatus) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    load: async (url: string, onProgress?: (p: never) => void) => {
      loads.push(url);
      void onProgress;
      const mine = ++serial;
      setStatus({ state: 'loading', url, progress: null, inUse: null });
      await (hold[url] ?? Promise.resolve());
      if (broken.includes(url)) {
        const error = Object.assign(new Error(`tokenizer.json not found (HTTP 404) at ${url}tokenizer.json`), {
          name: 'ModelFetchError',
        });
        if (mine === serial) {
          setStatus(inUse ? { state: 'ready', url: inUse, info: info(inUse) } : { state: 'error', url, error });
        }
        throw error;
      }
      inUse = url;
      if (mine === serial) setStatus({ state: 'ready', url, info: info(url) });
      return info(url);
    },
  };
  return { loads, client };
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
    expect(switcher.getModelState().change).toEqual({ state: 'loading', url: DEFAULT, progress: null });
    const settled = await switcher.settled;
    expect(settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(switcher.getModelState()).toEqual({
      bundleUrl: DEFAULT,
      isDefault: true,
      notice: null,
      change: { state: 'idle' },
    });
  });

  it("settles once a load started meanwhile (the demo camera's) has ended too, not while it is going", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { client } = fakeClient([DEFAULT, '/models/world/'], { '/models/world/': gate });
    const switcher = createModelSwitcher(client, DEFAULT, memoryStorage());
    const world = switcher.useForNow('/models/world/');
    let settled: ClientStatus | null = null;
    void switcher.settled.then((status) => (settled = status));
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBeNull();
    release();
    expect(await world).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toMatchObject({ state: 'error', error: { name: 'ModelFetchError' } });
  });

  it('keeps the first model in use when a later load overtakes it and fails', async () => {
    const { client } = fakeClient(['/models/world/']);
    const switcher = createModelSwitcher(client, DEFAULT, memoryStorage());
    const later = switcher.useForNow('/models/world/');
    const settled = await switcher.settled;
    expect(settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(await later).toBe(false);
    expect(switcher.getModelState()).toMatchObject({ bundleUrl: DEFAULT, change: { state: 'failed' } });
  });

  it("passes the user's yes to a large download on to the client, for that load only", async () => {
    const { client } = fakeClient();
    const requests: unknown[] = [];
    const load = client.load;
    const recording = {
      ...client,
      load: (url: string, p?: (p: never) => void, request?: unknown) => {
        requests.push(request);
        return load(url, p);
      },
    };
    const switcher = createModelSwitcher(recording, DEFAULT, memoryStorage());
    await switcher.settled;
    expect(await switcher.switchTo('/models/big/', { allowLargeDownload: true })).toBe(true);
    expect(await switcher.switchTo('/models/other/')).toBe(true);
    expect(requests).toEqual([{}, { allowLargeDownload: true }, {}]);
  });

  it('switches to a new model and remembers it', async () => {
    const { client } = fakeClient();
    const storage = memoryStorage();
    const switcher = createModelSwitcher(client, DEFAULT, storage);
    await switcher.settled;
    expect(await switcher.switchTo('https://m.example/x/')).toBe(true);
    expect(switcher.getModelState()).toMatchObject({ bundleUrl: 'https://m.example/x/', isDefault: false });
    expect(storage.map.get(MODEL_CHOICE_KEY)).toBe('https://m.example/x/');
    expect(await switcher.useDefault()).toBe(true);
    expect(storage.map.has(MODEL_CHOICE_KEY)).toBe(false);
  });

  it('keeps the model in use when a switch fails, and says why', async () => {
    const { client } = fakeClient(['https://broken.example/']);
    const storage = memoryStorage();
    const switcher = createModelSwitcher(client, DEFAULT, storage);
    await switcher.settled;
    expect(await switcher.switchTo('https://broken.example/')).toBe(false);
    expect(switcher.getModelState()).toEqual({
      bundleUrl: DEFAULT,
      isDefault: true,
      notice: null,
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

  it("starts a retired remembered model's successor and remembers that instead", async () => {
    const ok = fakeClient();
    const storage = memoryStorage({ [MODEL_CHOICE_KEY]: '/models/world-v1/' });
    const successor = (url: string) => (url === '/models/world-v1/' ? '/models/world-v2/' : url);
    const switcher = createModelSwitcher(ok.client, DEFAULT, storage, null, successor);
    await switcher.settled;
    expect(ok.loads).toEqual(['/models/world-v2/']);
    expect(storage.map.get(MODEL_CHOICE_KEY)).toBe('/models/world-v2/');

    // A successor that is the default is remembered as no choice at all.
    const toDefault = memoryStorage({ [MODEL_CHOICE_KEY]: '/models/world-v1/' });
    await createModelSwitcher(fakeClient().client, DEFAULT, toDefault, null, () => DEFAULT).settled;
    expect(toDefault.map.has(MODEL_CHOICE_KEY)).toBe(false);
  });

  it("starts with the page's ?model= over the remembered one, without remembering it", async () => {
    const ok = fakeClient();
    const storage = memoryStorage({ [MODEL_CHOICE_KEY]: '/m/mine/' });
    const asked = createModelSwitcher(ok.client, DEFAULT, storage, '/m/asked/');
    await asked.settled;
    expect(ok.loads).toEqual(['/m/asked/']);
    expect(asked.getModelState()).toMatchObject({ bundleUrl: '/m/asked/', isDefault: false });
    expect(storage.map.get(MODEL_CHOICE_KEY)).toBe('/m/mine/');

    const gone = fakeClient(['/m/gone/']);
    const kept = memoryStorage({ [MODEL_CHOICE_KEY]: '/m/mine/' });
    const fallback = createModelSwitcher(gone.client, DEFAULT, kept, '/m/gone/');
    expect(await fallback.settled).toMatchObject({ state: 'ready', info: { bundle: { url: DEFAULT } } });
    expect(kept.map.get(MODEL_CHOICE_KEY)).toBe('/m/mine/');
  });

  it('reports an error when even the default fails', async () => {
    const { client } = fakeClient([DEFAULT]);
    const switcher = createModelSwitcher(client, DEFAULT, null);
    expect(await switcher.settled).toMatchObject({ state: 'error', error: { name: 'ModelFetchError' } });
  });

  it("keeps the worker's notice about how the model in use runs, and drops it with the next model", async () => {
    const { client } = fakeClient();
    const switcher = createModelSwitcher(client, DEFAULT, memoryStorage());
    await switcher.settled;
    expect(await switcher.switchTo('https://hub.example/gpu-fallback/')).toBe(true);
    expect(switcher.getModelState().notice).toBe('WebGPU ran out of memory for it; it runs on WASM (q8) instead');
    expect(await switcher.switchTo(DEFAULT)).toBe(true);
    expect(switcher.getModelState().notice).toBeNull();
  });
});
