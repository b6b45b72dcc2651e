/**
 * User settings of the Live and Images views, persisted in localStorage. Whatever is stored is untrusted (an old
 * version, a hand edit, another app on the origin): every field is validated on read and falls back to its
 * default on its own, so one bad field never resets the others.
 */

import type { CaptionStyle } from '../../core/bundle/config';

export type CaptionStyleSetting = CaptionStyle;
export type LiveSourceKind = 'demo' | 'webcam';

export interface Settings {
  /** Live: run the second look. */
  refine: boolean;
  /** Live caption style (Images always asks for detailed captions). */
  style: CaptionStyleSetting;
  /** Draw the saliency heat map over the picture. */
  showHeatmap: boolean;
  /** Draw the region boxes over the picture. */
  showBoxes: boolean;
  /** Draw, named, the objects the caption names, where the captioner knows their boxes (the real-world model). */
  showObjects: boolean;
  /** Read new captions aloud with speechSynthesis. Off by default: a page should not start talking. */
  speak: boolean;
  /** Live: the last source used. */
  source: LiveSourceKind;
  /** Live: the deviceId of the camera last chosen ('' = the browser's default). */
  cameraId: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  refine: true,
  style: 'detailed',
  showHeatmap: true,
  showBoxes: true,
  showObjects: true,
  speak: false,
  source: 'demo',
  cameraId: '',
});

export const SETTINGS_KEY = 'glance.settings.v1';

/** Longest deviceId we keep; real ones are 64 hex characters. */
const MAX_DEVICE_ID_LENGTH = 256;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

const VALIDATORS: { [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
  refine: isBoolean,
  style: oneOf(['short', 'detailed'] as const),
  showHeatmap: isBoolean,
  showBoxes: isBoolean,
  showObjects: isBoolean,
  speak: isBoolean,
  source: oneOf(['demo', 'webcam'] as const),
  cameraId: (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_DEVICE_ID_LENGTH,
};

/** Settings from a stored JSON string (or null); invalid JSON or fields give the defaults. Never throws. */
export function parseSettings(stored: string | null): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (!stored) return settings;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return settings;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return settings;
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(VALIDATORS) as (keyof Settings)[]) {
    const value = record[key];
    if (VALIDATORS[key](value)) (settings as unknown as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** The minimal Storage surface we use, so tests can pass a Map-backed fake. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads settings; a storage that throws (disabled cookies, Safari private mode) gives the defaults. */
export function readSettings(storage: SettingsStorage | null): Settings {
  try {
    return parseSettings(storage?.getItem(SETTINGS_KEY) ?? null);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Writes settings; returns false when the storage refused (full, disabled) so the caller may say so. */
export function writeSettings(storage: SettingsStorage | null, settings: Settings): boolean {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return storage !== null;
  } catch {
    return false;
  }
}
