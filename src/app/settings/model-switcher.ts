/**
 * The user's choice of model: the model picker's state, what is remembered, the startup fallback. The worker's
 * life, the model it runs and the status the shell shows belong to the bridge (CaptionerClient.status); this
 * asks it to load. A switch loads the new bundle completely (download, sessions, warm-up) before the worker swaps
 * it in; when it fails, the previous model stays in use and the picker shows why. The chosen URL is remembered,
 * so the next visit starts with it.
 */
import type { CaptionerClient, ClientStatus, LoadProgress, LoadRequest } from '../../bridge/captioner-client';
import { type PlainError, toPlainError } from '../../core/errors';

/** The stored choice: a bundle URL; absent = the shipped default. */
export const MODEL_CHOICE_KEY = 'glance.model.v1';
/** Longest URL kept from storage (anything longer was not typed by a person). */
const MAX_URL_LENGTH = 2048;

/** Where the picker stands. */
export type ModelChange =
  | { state: 'idle' }
  | { state: 'loading'; url: string; progress: LoadProgress | null }
  | { state: 'failed'; url: string; error: PlainError };

export interface ModelState {
  /** The URL of the model in use (what the views label); the default until another one has loaded. */
  bundleUrl: string;
  /** True when that is the shipped default. */
  isDefault: boolean;
  /** What the user should know about how that model runs (a hub model moved from WebGPU to WASM), or null. */
  notice: string | null;
  change: ModelChange;
}

export interface ModelSwitcher {
  subscribe(listener: () => void): () => void;
  getModelState(): ModelState;
  /**
   * Settles when the startup load (and its fallback to the default) has succeeded or failed and no other load
   * (the demo camera's world model, started meanwhile) is still going, with the status then.
   */
  settled: Promise<ClientStatus>;
  /**
   * Loads `url` and makes it the model in use; resolves false (and keeps the old one) when it fails. `request`:
   * e.g. the user's yes to a download over 500 MB (a first try fails with LargeDownloadError, saying its size).
   */
  switchTo(url: string, request?: LoadRequest): Promise<boolean>;
  /** Loads `url` for now without remembering it (the demo camera's world model); false when it fails. */
  useForNow(url: string): Promise<boolean>;
  /** Back to the shipped default. */
  useDefault(): Promise<boolean>;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

type Client = Pick<CaptionerClient, 'load' | 'status' | 'onStatus'>;

export function createModelSwitcher(
  client: Client,
  defaultUrl: string,
  storage: Storage | null,
  /** A model the page's URL names (`?model=`): it starts instead of the remembered one, and is not remembered. */
  requestedUrl: string | null = null,
  /** The URL to load for a remembered one (a retired bundle's successor, src/common/retired-bundles.ts). */
  currentUrl: (url: string) => string = (url) => url,
): ModelSwitcher {
  const listeners = new Set<() => void>();
  let model: ModelState = { bundleUrl: defaultUrl, isDefault: true, notice: null, change: { state: 'idle' } };
  let serial = 0;
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const setModel = (patch: Partial<ModelState>) => {
    model = { ...model, ...patch };
    notify();
  };

  const remember = (url: string) => {
    try {
      if (url === defaultUrl) storage?.removeItem(MODEL_CHOICE_KEY);
      else storage?.setItem(MODEL_CHOICE_KEY, url);
    } catch {
      // Storage refused (full, disabled): the choice lasts for this visit only.
    }
  };

  const loadInto = async (url: string, request: LoadRequest = {}): Promise<void> => {
    const mine = ++serial;
    setModel({ change: { state: 'loading', url, progress: null } });
    try {
      const info = await client.load(
        url,
        (progress) => {
          if (mine === serial) setModel({ change: { state: 'loading', url, progress } });
        },
        request,
      );
      // The worker runs whichever load finished last; when a later one (the demo camera's world model) overtook
      // this one, the picker goes on showing that load.
      const notice = info.bundle?.notice ?? null;
      if (mine === serial)
        setModel({ bundleUrl: url, isDefault: url === defaultUrl, notice, change: { state: 'idle' } });
      else setModel({ bundleUrl: url, isDefault: url === defaultUrl, notice });
    } catch (error) {
      if (mine === serial) setModel({ change: { state: 'failed', url, error: toPlainError(error) } });
      throw error;
    }
  };

  const stored = storedChoice(storage);
  const remembered = stored === null ? null : currentUrl(stored);
  // A remembered bundle that was retired: its successor is remembered instead.
  if (remembered !== null && remembered !== stored) remember(remembered);
  const startUrl = requestedUrl ?? remembered ?? defaultUrl;
  const settled: Promise<ClientStatus> = loadInto(startUrl)
    .catch(async (error: unknown) => {
      // A remembered model that no longer loads: fall back to the default, and say so in the picker.
      if (startUrl === defaultUrl) throw error;
      const failed = model.change;
      await loadInto(defaultUrl);
      if (requestedUrl === null) remember(defaultUrl);
      setModel({ change: failed });
    })
    .then(
      () => statusAtRest(client),
      () => statusAtRest(client),
    );

  const switchTo = async (url: string, request: LoadRequest = {}): Promise<boolean> => {
    try {
      await loadInto(url, request);
      remember(url);
      return true;
    } catch {
      return false;
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled,
    getModelState: () => model,
    switchTo,
    useForNow: (url) =>
      loadInto(url).then(
        () => true,
        () => false,
      ),
    useDefault: () => switchTo(defaultUrl),
  };
}

/** The client's status once no load or restart is going on. */
function statusAtRest(client: Client): Promise<ClientStatus> {
  const atRest = (status: ClientStatus) =>
    status.state === 'ready' || status.state === 'error' || status.state === 'idle';
  if (atRest(client.status)) return Promise.resolve(client.status);
  return new Promise((resolve) => {
    const unsubscribe = client.onStatus((status) => {
      if (!atRest(status)) return;
      unsubscribe();
      resolve(status);
    });
  });
}

function storedChoice(storage: Storage | null): string | null {
  try {
    const value = storage?.getItem(MODEL_CHOICE_KEY);
    return value && value.length <= MAX_URL_LENGTH ? value : null;
  } catch {
    return null;
  }
}

/** localStorage, or null where touching it throws (storage disabled for the site). */
export function modelChoiceStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
