import { describe, expect, it } from 'vitest';
import { LookMemory, regionSignature, sameContent } from './look-memory';
import type { Box, RegionLook, RgbaImage } from './types';

/** A 200 x 100 frame of grey noise (seeded), like a still camera's picture. */
function noisyFrame(seed = 1): RgbaImage {
  const data = new Uint8Array(200 * 100 * 4);
  let s = seed;
  for (let i = 0; i < data.length; i += 4) {
    s = (s * 16807) % 2147483647;
    const v = 60 + (s % 120);
    data.set([v, v, v, 255], i);
  }
  return { width: 200, height: 100, data };
}

/** `frame` with `box` painted `value` (a hand or a person entering it). */
function painted(frame: RgbaImage, box: Box, value: number): RgbaImage {
  const data = Uint8Array.from(frame.data);
  for (let y = box.y; y < box.y + box.h; y++)
    for (let x = box.x; x < box.x + box.w; x++) data.set([value, value, value, 255], (y * frame.width + x) * 4);
  return { ...frame, data };
}

/** Every pixel moved by `delta` levels (sensor noise when small, auto exposure when large). */
function shifted(frame: RgbaImage, delta: (i: number) => number): RgbaImage {
  const data = Uint8Array.from(frame.data, (v, i) => (i % 4 === 3 ? v : Math.max(0, Math.min(255, v + delta(i)))));
  return { ...frame, data };
}

const lookAt = (box: Box): RegionLook => ({ box, detections: [] });

describe('regionSignature / sameContent', () => {
  const frame = noisyFrame();
  const box = { x: 20, y: 10, w: 80, h: 80 };

  it('calls a box unchanged under sensor noise of up to 4 levels', () => {
    const noisy = shifted(frame, (i) => ((Math.imul(i, 2654435761) >>> 0) % 9) - 4); // -4..+4 per value
    expect(sameContent(regionSignature(frame, box), regionSignature(noisy, box))).toBe(true);
  });

  it('calls it changed when something enters part of it, or the whole picture brightens', () => {
    const entered = painted(frame, { x: 30, y: 20, w: 20, h: 20 }, 250);
    expect(sameContent(regionSignature(frame, box), regionSignature(entered, box))).toBe(false);
    const brighter = shifted(frame, () => 20);
    expect(sameContent(regionSignature(frame, box), regionSignature(brighter, box))).toBe(false);
  });

  it('ignores a change outside the box', () => {
    const elsewhere = painted(frame, { x: 150, y: 10, w: 40, h: 80 }, 250);
    expect(sameContent(regionSignature(frame, box), regionSignature(elsewhere, box))).toBe(true);
  });
});

describe('LookMemory', () => {
  const frame = noisyFrame();
  const box = { x: 20, y: 10, w: 80, h: 80 };
  const kept = { look: lookAt(box), signature: regionSignature(frame, box) };

  it("finds the stream's look for a nearby box whose pixels have not changed", () => {
    const memory = new LookMemory();
    memory.remember('live-1', frame, [kept]);
    expect(memory.find('live-1', frame, { x: 24, y: 12, w: 80, h: 80 })).toBe(kept);
  });

  it('looks again: another stream, another frame size, a box elsewhere, or changed pixels', () => {
    const memory = new LookMemory();
    memory.remember('live-1', frame, [kept]);
    expect(memory.find('live-2', frame, box)).toBeNull();
    expect(memory.find('live-1', { ...frame, width: 100, height: 200 }, box)).toBeNull();
    expect(memory.find('live-1', frame, { x: 100, y: 10, w: 80, h: 80 })).toBeNull();
    expect(memory.find('live-1', painted(frame, { x: 40, y: 40, w: 30, h: 30 }, 0), box)).toBeNull();
  });

  it('gives a kept look to one region of a frame only', () => {
    const memory = new LookMemory();
    memory.remember('live-1', frame, [kept]);
    expect(memory.find('live-1', frame, box, new Set([kept]))).toBeNull();
  });

  it('forgets the previous frame when it remembers the next', () => {
    const memory = new LookMemory();
    memory.remember('live-1', frame, [kept]);
    memory.remember('live-1', frame, []);
    expect(memory.find('live-1', frame, box)).toBeNull();
  });
});
