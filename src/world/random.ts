/**
 * Seeded randomness for the scene world. Only integer math (Math.imul, shifts) so Node and every browser
 * produce the same sequence for the same seed.
 */

/** A deterministic random source; every draw advances one shared 32-bit state. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** Mixes a 32-bit value thoroughly (murmur3's finaliser); the result is an unsigned 32-bit integer. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seed of a sub-stream (scene i of a split, perturbation k of a scene, ...) from a parent seed and an index. */
export function deriveSeed(parentSeed: number, index: number): number {
  return mix32(mix32(parentSeed ^ 0x9e3779b9) + Math.imul(index | 0, 0x27d4eb2d) + 0x165667b1);
}

/** Seed of scene `index` of the split whose seed is `splitSeed`: any scene regenerates on its own. */
export function sceneSeed(splitSeed: number, index: number): number {
  return deriveSeed(splitSeed, index);
}

/** mulberry32: small, fast, and good enough for sampling scenes. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + (hi - lo) * next(),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}
