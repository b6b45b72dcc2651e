/**
 * Which model the app runs, and switching it. A drop-in RuntimeStatusStore for the shell (the views keep
 * captioning with whatever is loaded), plus the model picker's state. A switch loads the new bundle completely
 * (download, sessions, warm-up) before the worker swaps it in; when it fails, the previous model stays loaded and
 * in use, and the picker shows why. The chosen URL is remembered, so the next visit starts with it.
 */
import { bundleUrlForWorker } from '../../bridge/bundle-url';
import type { CaptionerClient, LoadProgress, RuntimeInfo } from '../../bridge/captioner-client';
import type { RuntimeStatus, RuntimeStatusStore } from '../runtime-status';

/** The stored choice: a bundle URL; absent = the shipped default. */
export const MODEL_CHOICE_KEY = 'glance.model.v1';
/** Longest URL kept from storage (anything longer was not typed by a person). */
const MAX_URL_LENGTH = 2048;

/** Where the picker stands. */
export type ModelChange =
  | { state: 'idle' }
  | { state: 'loading'; url: string; progress: LoadProgress | null }
  | { state: 'failed'; url: string; error: { name: string; message: string } };

export interface ModelState {
  /** The URL of the model in use (what the views label); the default until another one has loaded. */
  bundleUrl: string;
  /** True when that is the shipped default. */
  isDefault: boolean;
  change: ModelChange;
}

export interface ModelSwitcher extends RuntimeStatusStore {
  getModelState(): ModelState;
  /** Loads `url` and makes it the model in use; resolves false (and keeps the old one) when it fails. */
  switchTo(url: string): Promise<boolean>;
  /** Loads `url` for now without remembering it (the demo camera's world model); false when it fails. */
  useForNow(url: string): Promise<boolean>;
  /** Back to the shipped default. */
  useDefault(): Promise<boolean>;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

type Client = Pick<CaptionerClient, 'load' | 'onStatus'>;

export function createModelSwitcher(
  client: Client,
  defaultUrl: string,
  storage: Storage | null,
  pageUrl: string | undefined = globalThis.location?.href,
  /** A model the page's URL names (`?model=`): it starts instead of the remembered one, and is not remembered. */
  requestedUrl: string | null = null,
): ModelSwitcher {
  /** The client reports the URL it loads resolved against the page ("models/x/" -> "https://host/models/x/"). */
  const asLoaded = (url: string): string => {
    try {
      return bundleUrlForWorker(url, pageUrl);
    } catch {
      return url;
    }
  };
  const listeners = new Set<() => void>();
  let status: RuntimeStatus = { state: 'loading', progress: null };
  let model: ModelState = { bundleUrl: defaultUrl, isDefault: true, change: { state: 'idle' } };
  let serial = 0;
  /** The last URL this switcher failed to load (until a later load succeeds): what a crash restart must not keep. */
  let lastFailed: string | null = null;
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

  const loadInto = async (url: string): Promise<RuntimeInfo> => {
    const mine = ++serial;
    setModel({ change: { state: 'loading', url, progress: null } });
    try {
      const info = await client.load(url, (progress) => {
        if (mine === serial) setModel({ change: { state: 'loading', url, progress } });
        if (status.state === 'loading') {
          status = { state: 'loading', progress };
          notify();
        }
      });
      lastFailed = null;
      if (mine === serial) {
        status = { state: 'ready', info };
        setModel({ bundleUrl: url, isDefault: url === defaultUrl, change: { state: 'idle' } });
      } else if (status.state === 'loading') {
        // A later load (the demo camera's world model) overtook this first one, which has still finished: the
        // worker runs it until the later one is ready, so say so rather than 'loading' until then (or forever,
        // should the later one fail). The picker keeps showing the later load.
        status = { state: 'ready', info };
        setModel({ bundleUrl: url, isDefault: url === defaultUrl });
      }
      return info;
    } catch (error) {
      lastFailed = url;
      if (mine === serial) setModel({ change: { state: 'failed', url, error: plain(error) } });
      throw error;
    }
  };

  const startUrl = requestedUrl ?? storedChoice(storage) ?? defaultUrl;
  const settled: Promise<RuntimeStatus> = loadInto(startUrl)
    .catch(async (error: unknown) => {
      // A remembered model that no longer loads: fall back to the default, and say so in the picker.
      if (startUrl === defaultUrl) throw error;
      const failed = model.change;
      await loadInto(defaultUrl);
      if (requestedUrl === null) remember(defaultUrl);
      setModel({ change: failed });
    })
    .then(
      () => status,
      (error: unknown) => {
        status = { state: 'error', error: plain(error) };
        notify();
        return status;
      },
    );

  // After a worker crash the bridge reloads the last URL it was asked for, which may be the model that just failed
  // to load here; put the model in use back instead. (Loads made by others, e.g. tests, are left alone.)
  client.onStatus((s) => {
    if (
      s.state === 'restarting' &&
      s.url !== null &&
      lastFailed !== null &&
      asLoaded(s.url) === asLoaded(lastFailed) &&
      status.state === 'ready'
    ) {
      void client.load(model.bundleUrl).catch(() => undefined);
    }
  });

  const switchTo = async (url: string): Promise<boolean> => {
    try {
      await loadInto(url);
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
    getSnapshot: () => status,
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

function storedChoice(storage: Storage | null): string | null {
  try {
    const value = storage?.getItem(MODEL_CHOICE_KEY);
    return value && value.length <= MAX_URL_LENGTH ? value : null;
  } catch {
    return null;
  }
}

function plain(error: unknown): { name: string; message: string } {
  const e = error as { name?: unknown; message?: unknown } | null;
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
}

/** localStorage, or null where touching it throws (storage disabled for the site). */
export function modelChoiceStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
