import { describe, expect, it } from 'vitest';
import { boxToFrame, boxToInput, squareInput } from './detector-input';
import type { RgbaImage } from './types';

/** A w x h frame whose red channel is x and green channel is y (so a pixel tells where it came from). */
function ramp(w: number, h: number): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, 7, 255], (y * w + x) * 4);
  return { width: w, height: h, data };
}

describe('squareInput', () => {
  it('letterboxes a wide frame centred, grey above and below, and maps input pixels back to the frame', () => {
    const input = squareInput(ramp(200, 100), { x: 0, y: 0, w: 200, h: 100 }, 100);
    expect(input.toFrame).toEqual({ scale: 0.5, x0: 0, y0: 0, padX: 0, padY: 25 });
    const at = (u: number, v: number) => Array.from(input.data.subarray((v * 100 + u) * 3, (v * 100 + u) * 3 + 3));
    // input (10, 45) averages frame pixels around (21, 41)
    expect(at(10, 45)[0]).toBeCloseTo(20.5, -1);
    expect(at(10, 45)[1]).toBeCloseTo(40.5, -1);
    expect(at(10, 45)[2]).toBe(7);
    expect(at(10, 10)).toEqual([114, 114, 114]);
    expect(at(10, 80)).toEqual([114, 114, 114]);
    const box = { x: 10, y: 45, w: 30, h: 10 };
    expect(boxToFrame(box, input.toFrame)).toEqual({ x: 20, y: 40, w: 60, h: 20 });
    expect(boxToInput(boxToFrame(box, input.toFrame), input.toFrame)).toEqual(box);
  });

  it('crops a region at a closer scale and clips it to the frame', () => {
    const input = squareInput(ramp(200, 100), { x: 150, y: 50, w: 100, h: 100 }, 100);
    // clipped to 50 x 50 frame pixels, shown 2x closer
    expect(input.toFrame).toEqual({ scale: 2, x0: 150, y0: 50, padX: 0, padY: 0 });
    expect(input.data[0]).toBeGreaterThanOrEqual(150);
    expect(input.data[1]).toBeGreaterThanOrEqual(50);
    expect(boxToFrame({ x: 20, y: 20, w: 10, h: 10 }, input.toFrame)).toEqual({ x: 160, y: 60, w: 5, h: 5 });
  });
});
