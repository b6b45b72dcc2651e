import { describe, expect, it } from 'vitest';
import { RegionMemory, sameCrop } from './region-memory';

/** A normalised 3 x 8 x 8 crop with a ramp (values in -1..1). */
const crop = (): Float32Array => Float32Array.from({ length: 192 }, (_, i) => (i % 64) / 32 - 1);
const moved = (c: Float32Array, by: (i: number) => number) => c.map((v, i) => v + by(i));

describe('sameCrop', () => {
  it("takes a webcam's noise (a few levels per value) for the same crop", () => {
    // +-3 levels at the world model's std of 0.5: +-3 / 127.5, about +-0.024
    expect(
      sameCrop(
        crop(),
        moved(crop(), (i) => ((i * 7919) % 7) * 0.008 - 0.024),
      ),
    ).toBe(true);
  });

  it('sees an object come in (one value far off) or the picture brighten (all values a little)', () => {
    expect(
      sameCrop(
        crop(),
        moved(crop(), (i) => (i === 100 ? 0.3 : 0)),
      ),
    ).toBe(false);
    expect(
      sameCrop(
        crop(),
        moved(crop(), () => 0.03),
      ),
    ).toBe(false);
    expect(sameCrop(crop(), crop().subarray(0, 96))).toBe(false);
  });
});

describe('RegionMemory', () => {
  const kept = { x0: 8, y0: 0, pixels: crop(), features: new Float32Array([1, 2, 3]) };

  it('finds kept features for the same place and pixels in the same stream only', () => {
    const memory = new RegionMemory();
    memory.remember('live-1', [kept]);
    expect(memory.find('live-1', 8, 0, crop())).toBe(kept);
    expect(memory.find('live-1', 0, 8, crop())).toBeNull();
    expect(memory.find('live-2', 8, 0, crop())).toBeNull();
    memory.remember('live-1', []);
    expect(memory.find('live-1', 8, 0, crop())).toBeNull();
  });
});
