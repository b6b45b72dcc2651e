import { describe, expect, it } from 'vitest';
import { centredPlacement, frameBytes, readY4mFrame, rgbaToI420, y4mHeader } from './y4m';

/** A size x size picture of one colour. */
function flat(size: number, rgb: [number, number, number]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let p = 0; p < size * size; p++) rgba.set([...rgb, 255], p * 4);
  return rgba;
}

describe('y4m frames', () => {
  it('writes the header Chromium and ffmpeg read', () => {
    expect(y4mHeader({ width: 320, height: 240, fps: 15 }, 'limited')).toBe(
      'YUV4MPEG2 W320 H240 F15:1 Ip A1:1 C420jpeg XCOLORRANGE=LIMITED\n',
    );
    expect(frameBytes(320, 240)).toBe(320 * 240 * 1.5);
  });

  it('centres the scene with even offsets', () => {
    expect(centredPlacement(320, 240)).toEqual({ sceneSize: 240, x: 40, y: 0 });
    expect(centredPlacement(256, 256)).toEqual({ sceneSize: 256, x: 0, y: 0 });
    expect(centredPlacement(100, 60, 50)).toEqual({ sceneSize: 50, x: 24, y: 4 });
  });

  // Reference values of BT.601 (ITU-R BT.601 tables): pure red is Y 81, Cb 90, Cr 240 in video range and
  // Y 76, Cb 85, Cr 255 in full range; white is Y 235 / 255 with neutral chroma.
  it.each([
    ['limited', [255, 0, 0], [81, 90, 240]],
    ['full', [255, 0, 0], [76, 85, 255]],
    ['limited', [255, 255, 255], [235, 128, 128]],
    ['full', [255, 255, 255], [255, 128, 128]],
    ['limited', [0, 0, 0], [16, 128, 128]],
  ] as const)('converts %s-range %j to Y Cb Cr %j', (range, rgb, [y, cb, cr]) => {
    const frame = rgbaToI420(flat(4, [...rgb]), centredPlacement(4, 4), 4, 4, range);
    expect(Array.from(frame.subarray(0, 16))).toEqual(new Array(16).fill(y));
    expect(Array.from(frame.subarray(16, 20))).toEqual(new Array(4).fill(cb));
    expect(Array.from(frame.subarray(20, 24))).toEqual(new Array(4).fill(cr));
  });

  it('letterboxes in black and averages chroma over each 2x2 block', () => {
    // A 2x2 scene at (2, 0) in a 6x2 frame: left half white, right half black.
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
    const frame = rgbaToI420(rgba, { sceneSize: 2, x: 2, y: 0 }, 6, 2, 'full');
    expect(Array.from(frame.subarray(0, 12))).toEqual([0, 0, 255, 0, 0, 0, 0, 0, 255, 0, 0, 0]);
    expect(Array.from(frame.subarray(12))).toEqual([128, 128, 128, 128, 128, 128]); // grey: neutral chroma
    expect(() => rgbaToI420(rgba, { sceneSize: 2, x: 1, y: 0 }, 6, 2, 'full')).toThrow(/even/);
    expect(() => rgbaToI420(rgba, { sceneSize: 2, x: 6, y: 0 }, 6, 2, 'full')).toThrow(/fit/);
  });

  it.each(['limited', 'full'] as const)('reads back what it wrote (%s range), frame by frame', (range) => {
    // Two 4x4 frames of flat 2x2 blocks (4:2:0 keeps a flat block's colour), each block a different colour.
    const colours = [
      [200, 30, 40],
      [20, 180, 60],
      [30, 60, 220],
      [240, 240, 240],
    ];
    const picture = (shift: number) => {
      const rgba = new Uint8ClampedArray(4 * 4 * 4);
      for (let y = 0; y < 4; y++)
        for (let x = 0; x < 4; x++) rgba.set([...colours[(2 * (y >> 1) + (x >> 1) + shift) % 4], 255], (y * 4 + x) * 4);
      return rgba;
    };
    const place = centredPlacement(4, 4);
    const frames = [0, 1].map((shift) => rgbaToI420(picture(shift), place, 4, 4, range));
    const header = new TextEncoder().encode(y4mHeader({ width: 4, height: 4, fps: 10 }, range));
    const frameLine = new TextEncoder().encode('FRAME\n');
    const file = new Uint8Array([...header, ...frameLine, ...frames[0], ...frameLine, ...frames[1]]);
    const back = readY4mFrame(file, 1);
    expect([back.width, back.height]).toEqual([4, 4]);
    const expected = picture(1);
    for (let i = 0; i < expected.length; i++) expect(Math.abs(back.data[i] - expected[i])).toBeLessThanOrEqual(2);
    expect(() => readY4mFrame(file, 2)).toThrow(/no frame 2/);
    expect(() => readY4mFrame(new TextEncoder().encode('PNG'), 0)).toThrow(/not a y4m/);
  });
});
