import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, sceneSeed } from './random';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws integers uniformly over [0, n)', () => {
    const rng = createRng(7);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.int(6)]++;
    for (const count of counts) {
      expect(count).toBeGreaterThan(9500);
      expect(count).toBeLessThan(10500);
    }
  });
});

describe('sceneSeed', () => {
  it('gives distinct seeds per scene and per split', () => {
    const seeds = new Set<number>();
    for (const split of [1, 2, 3]) for (let i = 0; i < 10000; i++) seeds.add(sceneSeed(split, i));
    expect(seeds.size).toBe(30000);
  });

  it('is a pure function of (split seed, index)', () => {
    expect(sceneSeed(1, 12345)).toBe(sceneSeed(1, 12345));
    expect(deriveSeed(9, 3)).toBe(deriveSeed(9, 3));
    expect(deriveSeed(9, 3)).not.toBe(deriveSeed(9, 4));
  });
});
