/**
 * The Video view's options (src/core/video/video-options.ts), remembered in localStorage under their own key.
 * Whatever is stored is untrusted: normaliseVideoOptions falls back field by field.
 */
import { DEFAULT_VIDEO_OPTIONS, normaliseVideoOptions } from '../../core/video/video-options';
import type { VideoCaptionOptions } from '../../core/video/types';

export const VIDEO_OPTIONS_KEY = 'glance.video.v1';

export function loadVideoOptions(storage: Pick<Storage, 'getItem'> | null = safeStorage()): VideoCaptionOptions {
  try {
    const stored = storage?.getItem(VIDEO_OPTIONS_KEY);
    return stored ? normaliseVideoOptions(JSON.parse(stored)) : { ...DEFAULT_VIDEO_OPTIONS };
  } catch {
    return { ...DEFAULT_VIDEO_OPTIONS };
  }
}

export function saveVideoOptions(
  options: VideoCaptionOptions,
  storage: Pick<Storage, 'setItem'> | null = safeStorage(),
): void {
  try {
    storage?.setItem(VIDEO_OPTIONS_KEY, JSON.stringify(options));
  } catch {
    // Storage full or refused (private mode): the options still apply to this visit.
  }
}

/** localStorage, or null where reading it throws (sandboxed iframes, some privacy modes). */
function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
