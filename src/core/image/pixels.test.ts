import { describe, expect, it } from 'vitest';
import { boxDownsample, cropChw, normalizeToChw } from './pixels';

describe('boxDownsample', () => {
  it('averages each block per channel, ignoring alpha, without rounding', () => {
    // 2x2 RGBA -> 1x1: R = (0+1+2+4)/4 = 1.75
    const data = Uint8Array.from([0, 10, 100, 255, 1, 10, 100, 0, 2, 20, 200, 7, 4, 21, 201, 9]);
    const out = boxDownsample({ data, width: 2, height: 2, channels: 4 }, 2);
    expect(Array.from(out.data)).toEqual([1.75, 15.25, 150.25]);
    expect([out.width, out.height]).toEqual([1, 1]);
  });

  it('keeps blocks apart (RGB input, 4x2 by 2 -> 2x1)', () => {
    const data = new Uint8Array(4 * 2 * 3);
    for (let y = 0; y < 2; y++) for (let x = 2; x < 4; x++) data[(y * 4 + x) * 3] = 200; // right block red
    const out = boxDownsample({ data, width: 4, height: 2, channels: 3 }, 2);
    expect(Array.from(out.data)).toEqual([0, 0, 0, 200, 0, 0]);
  });

  it('rejects a factor that does not divide the size and a wrong buffer length', () => {
    expect(() => boxDownsample({ data: new Uint8Array(27), width: 3, height: 3, channels: 3 }, 2)).toThrow(
      /does not divide/,
    );
    expect(() => boxDownsample({ data: new Uint8Array(10), width: 2, height: 2, channels: 3 }, 2)).toThrow(/10 bytes/);
  });
});

describe('normalizeToChw', () => {
  it('writes planar channels with (v/255 - mean)/std', () => {
    const rgba = Uint8Array.from([255, 0, 51, 9, 0, 255, 102, 9]); // two pixels
    const chw = normalizeToChw(rgba, 2, 1, 4, [0.5, 0.5, 0.2], [0.5, 0.25, 0.1]);
    expect(Array.from(chw).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([1, -1, -2, 2, 0, 2]);
  });
});

describe('cropChw', () => {
  it('cuts the window of every plane', () => {
    const size = 4;
    const chw = Float32Array.from({ length: 3 * size * size }, (_, i) => i);
    const crop = cropChw(chw, size, 1, 2, 2);
    // plane 0 rows 2,3 cols 1,2 -> 9,10,13,14; plane 1 adds 16; plane 2 adds 32
    expect(Array.from(crop)).toEqual([9, 10, 13, 14, 25, 26, 29, 30, 41, 42, 45, 46]);
  });

  it('refuses a window outside the square', () => {
    expect(() => cropChw(new Float32Array(48), 4, 3, 0, 2)).toThrow(/outside/);
  });
});
