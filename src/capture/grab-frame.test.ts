import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { grabFrame } from './grab-frame';

/** A video element as far as grabFrame reads it. */
const video = (readyState: number, videoWidth = 4) => ({ readyState, videoWidth }) as HTMLVideoElement;
const HAVE_CURRENT_DATA = 2;

/** A VideoFrame stand-in that records what it wraps, or throws as the test says. */
function fakeVideoFrame(fail?: Error) {
  const wrapped: unknown[] = [];
  class VideoFrame {
    constructor(source: unknown) {
      if (fail) throw fail;
      wrapped.push(source);
    }
  }
  return { VideoFrame, wrapped };
}

describe('grabFrame', () => {
  beforeEach(() => vi.stubGlobal('HTMLMediaElement', { HAVE_CURRENT_DATA }));
  afterEach(() => vi.unstubAllGlobals());

  it('wraps the video in a VideoFrame, so no video-backed image reaches a canvas of the page', async () => {
    const { VideoFrame, wrapped } = fakeVideoFrame();
    vi.stubGlobal('VideoFrame', VideoFrame);
    const bitmap = vi.fn();
    vi.stubGlobal('createImageBitmap', bitmap);
    const source = video(4);
    expect(await grabFrame(source)).toBeInstanceOf(VideoFrame);
    expect(wrapped).toEqual([source]);
    expect(bitmap).not.toHaveBeenCalled();
  });

  it('gives null while the video has no picture yet', async () => {
    const { VideoFrame, wrapped } = fakeVideoFrame();
    vi.stubGlobal('VideoFrame', VideoFrame);
    expect(await grabFrame(video(1))).toBeNull();
    expect(await grabFrame(video(4, 0))).toBeNull();
    expect(wrapped).toEqual([]);
  });

  it('uses an ImageBitmap where there is no VideoFrame', async () => {
    vi.stubGlobal('VideoFrame', undefined);
    const bitmap = { width: 640, height: 480 };
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => bitmap),
    );
    expect(await grabFrame(video(4))).toBe(bitmap);
  });

  it('gives null when the source stops between the check and the grab (InvalidStateError)', async () => {
    const { VideoFrame } = fakeVideoFrame(new DOMException('The video has no frame.', 'InvalidStateError'));
    vi.stubGlobal('VideoFrame', VideoFrame);
    expect(await grabFrame(video(4))).toBeNull();
  });

  it('lets other failures through', async () => {
    const { VideoFrame } = fakeVideoFrame(new TypeError('bad source'));
    vi.stubGlobal('VideoFrame', VideoFrame);
    await expect(grabFrame(video(4))).rejects.toThrow('bad source');
  });
});
