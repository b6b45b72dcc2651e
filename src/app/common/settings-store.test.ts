import { describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from './settings';
import { createSettingsStore } from './settings-store';

describe('createSettingsStore', () => {
  it('persists each update and notifies subscribers; a new store reads it back', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
    };
    const store = createSettingsStore(storage);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.update({ refine: false });
    store.update({ style: 'short' });
    unsubscribe();
    store.update({ speak: true });
    expect(calls).toBe(2);
    expect(JSON.parse(map.get(SETTINGS_KEY)!)).toMatchObject({ refine: false, style: 'short', speak: true });
    expect(createSettingsStore(storage).getSnapshot()).toMatchObject({ refine: false, style: 'short', speak: true });
  });
});
