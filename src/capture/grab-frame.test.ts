import { afterEach, describe, expect, it, vi } from 'vitest';
import { grabFrame } from './grab-frame';

/** A video element as far as grabFrame reads it. */
const video = (readyState: number, videoWidth = 640) => ({ readyState, videoWidth }) as HTMLVideoElement;
const HAVE_CURRENT_DATA = 2;

describe('grabFrame', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('grabs the current picture, or null while the video has none', async () => {
    vi.stubGlobal('HTMLMediaElement', { HAVE_CURRENT_DATA });
    const bitmap = { width: 640, height: 480 };
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => bitmap),
    );
    expect(await grabFrame(video(4))).toBe(bitmap);
    expect(await grabFrame(video(1))).toBeNull();
    expect(await grabFrame(video(4, 0))).toBeNull();
  });

  it('gives null when the source stops between the check and the grab (InvalidStateError)', async () => {
    vi.stubGlobal('HTMLMediaElement', { HAVE_CURRENT_DATA });
    const stopped = new DOMException('The ImageBitmap could not be allocated.', 'InvalidStateError');
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => Promise.reject(stopped)),
    );
    expect(await grabFrame(video(4))).toBeNull();
  });

  it('lets other failures through', async () => {
    vi.stubGlobal('HTMLMediaElement', { HAVE_CURRENT_DATA });
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => Promise.reject(new TypeError('bad source'))),
    );
    await expect(grabFrame(video(4))).rejects.toThrow('bad source');
  });
});
