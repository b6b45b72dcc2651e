import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_KEY, parseSettings, readSettings, writeSettings } from './settings';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('settings', () => {
  it('defaults: refine on, detailed, overlays on, speech off, demo camera', () => {
    expect(parseSettings(null)).toEqual({
      refine: true,
      style: 'detailed',
      showHeatmap: true,
      showBoxes: true,
      showObjects: true,
      speak: false,
      source: 'demo',
      cameraId: '',
    });
  });

  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const changed = { ...DEFAULT_SETTINGS, refine: false, style: 'short' as const, speak: true, cameraId: 'abc' };
    expect(writeSettings(storage, changed)).toBe(true);
    expect(JSON.parse(storage.map.get(SETTINGS_KEY)!)).toEqual(changed);
    expect(readSettings(storage)).toEqual(changed);
  });

  it('keeps valid fields and drops invalid ones one by one', () => {
    const stored = JSON.stringify({ refine: 'yes', style: 'short', speak: 1, source: 'tv', showBoxes: false, x: 1 });
    expect(parseSettings(stored)).toEqual({ ...DEFAULT_SETTINGS, style: 'short', showBoxes: false });
    expect(parseSettings(JSON.stringify({ cameraId: 'x'.repeat(1000) })).cameraId).toBe('');
  });

  it('survives garbage and throwing storage', () => {
    for (const bad of ['{', '[]', '"text"', 'null', '42']) expect(parseSettings(bad)).toEqual(DEFAULT_SETTINGS);
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readSettings(throwing)).toEqual(DEFAULT_SETTINGS);
    expect(writeSettings(throwing, DEFAULT_SETTINGS)).toBe(false);
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
