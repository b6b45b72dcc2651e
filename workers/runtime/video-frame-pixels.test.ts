import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** ImageData as Node lacks it: the pixels and the size. */
class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

/** A 4x2 VideoFrame stand-in whose copyTo writes 7s or fails as the test says, recording its options. */
function fakeFrame(copy: (dest: Uint8ClampedArray) => Promise<unknown> = async (dest) => dest.fill(7)) {
  const calls: unknown[] = [];
  const frame = {
    visibleRect: { x: 0, y: 0, width: 4, height: 2 },
    copyTo(dest: Uint8ClampedArray, options: unknown) {
      calls.push(options);
      return copy(dest);
    },
    close: vi.fn(),
  };
  return { frame: frame as unknown as VideoFrame, calls, close: frame.close };
}

/** A fresh module each time: it remembers a failed RGBA copy for the rest of the worker's life. */
const load = async () => (await import('./video-frame-pixels')).videoFramePixels;

describe('videoFramePixels', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal('ImageData', FakeImageData);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('copies the visible pixels to RGBA in sRGB and leaves the frame open for its owner', async () => {
    const videoFramePixels = await load();
    const { frame, calls, close } = fakeFrame();
    const image = (await videoFramePixels(frame)) as unknown as FakeImageData;
    expect(image).toBeInstanceOf(FakeImageData);
    expect([image.width, image.height, image.data.length]).toEqual([4, 2, 4 * 2 * 4]);
    expect(image.data.every((v) => v === 7)).toBe(true);
    expect(calls).toEqual([{ format: 'RGBA', colorSpace: 'srgb' }]);
    expect(close).not.toHaveBeenCalled();
  });

  it('gives null, from then on without trying, where RGBA copies are not supported', async () => {
    const videoFramePixels = await load();
    const unsupported = fakeFrame(async () => Promise.reject(new DOMException('RGBA', 'NotSupportedError')));
    expect(await videoFramePixels(unsupported.frame)).toBeNull();
    const next = fakeFrame();
    expect(await videoFramePixels(next.frame)).toBeNull();
    expect(next.calls).toEqual([]);
  });

  it('lets a closed frame fail (InvalidStateError) and keeps copying the next ones', async () => {
    const videoFramePixels = await load();
    const closed = fakeFrame(async () => Promise.reject(new DOMException('closed', 'InvalidStateError')));
    await expect(videoFramePixels(closed.frame)).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(await videoFramePixels(fakeFrame().frame)).toBeInstanceOf(FakeImageData);
  });
});
