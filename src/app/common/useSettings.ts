import { useSyncExternalStore } from 'react';
import type { Settings } from './settings';
import { pageSettings } from './settings-store';

/** The page's settings and a setter that persists them. */
export function useSettings(): [Settings, (patch: Partial<Settings>) => void] {
  const store = pageSettings();
  const settings = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return [settings, store.update];
}
