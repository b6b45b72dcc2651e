/**
 * One settings store for the page (both views read and write it), persisted on every change. An external store
 * for useSyncExternalStore; tests create their own with a fake storage.
 */
import { readSettings, writeSettings, type Settings, type SettingsStorage } from './settings';

export interface SettingsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Settings;
  update(patch: Partial<Settings>): void;
}

export function createSettingsStore(storage: SettingsStorage | null): SettingsStore {
  let settings = readSettings(storage);
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => settings,
    update(patch) {
      settings = { ...settings, ...patch };
      writeSettings(storage, settings);
      for (const listener of listeners) listener();
    },
  };
}

/** localStorage, or null where touching it throws (storage disabled for the site). */
function browserStorage(): SettingsStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let pageStore: SettingsStore | null = null;

/** The page's store, created on first use. */
export function pageSettings(): SettingsStore {
  pageStore ??= createSettingsStore(browserStorage());
  return pageStore;
}
