/**
 * The world's fixed difficulty, shown on one small object: at 256 px its shape and pattern are plain to see; in
 * the 64 px global view (1/4 per side, box filter) it is a 2-4 px blob whose pattern is gone and whose shape
 * survives only as how much of each pixel it covers. Numbers measured here are in docs/world.md ("Difficulty").
 */
import { describe, expect, it } from 'vitest';
import { downsampleBox } from './image';
import { createRng } from './random';
import { renderScene } from './render';
import { PATTERNS, SHAPES, cellAt, type Background, type Pattern, type Shape, type WorldObject } from './scene';

const GROUND: [number, number, number] = [90, 150, 200];
const background: Background = {
  kind: 'plain',
  base: GROUND,
  to: GROUND,
  direction: 'horizontal',
  gridCells: 8,
  noiseSeed: 0,
};

/** One orange object of `extentPx` (at 256 px) centred at (x, y) px of a 256 px scene, at 256 and at 64 px. */
function views(shape: Shape, pattern: Pattern, extentPx: number, x: number, y: number) {
  const object: WorldObject = {
    shape,
    colour: 'orange',
    size: 'small',
    pattern,
    cx: x / 256,
    cy: y / 256,
    extent: extentPx / 256,
    position: cellAt(x / 256, y / 256),
  };
  const full = renderScene({ background, objects: [object] }, 256);
  return { full, coarse: downsampleBox(full, 256, 4) };
}

/** Width and height of the block of pixels at least half covered by the object (orange vs the ground). */
function footprint(rgba: Uint8ClampedArray, size: number): [number, number] {
  const contrast = Math.abs(245 - GROUND[0]) + Math.abs(135 - GROUND[1]) + Math.abs(20 - GROUND[2]);
  const cols = new Set<number>();
  const rows = new Set<number>();
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const d = [0, 1, 2].reduce((s, c) => s + Math.abs(rgba[o + c] - GROUND[c]), 0);
      if (d >= contrast / 2) {
        cols.add(x);
        rows.add(y);
      }
    }
  return [cols.size, rows.size];
}

function maxAbsDiff(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst;
}

/** Pixels whose largest channel difference exceeds `levels`. */
function pixelsDiffering(a: Uint8ClampedArray, b: Uint8ClampedArray, levels: number): number {
  let n = 0;
  for (let k = 0; k < a.length; k += 4)
    if (Math.max(Math.abs(a[k] - b[k]), Math.abs(a[k + 1] - b[k + 1]), Math.abs(a[k + 2] - b[k + 2])) > levels) n++;
  return n;
}

describe('a small object at 256 px and in the 64 px global view', () => {
  it('(a) is a 2-4 px blob at 64 px: a square fills 2-4 px per side, no shape more than 4', () => {
    for (const extent of [8, 11, 14]) {
      for (const [x, y] of [
        [128, 128],
        [101.3, 77.6],
        [150.9, 190.2],
      ]) {
        for (const shape of SHAPES) {
          const [w, h] = footprint(views(shape, 'plain', extent, x, y).coarse, 64);
          expect(Math.max(w, h), `${shape} ${extent}px at ${x},${y}`).toBeLessThanOrEqual(4);
          if (shape === 'square') expect(Math.min(w, h), `square ${extent}px at ${x},${y}`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('(b) patterns: nearly identical at 64 px, clearly different at 256 px', () => {
    for (const shape of SHAPES) {
      const v = PATTERNS.map((p) => views(shape, p, 11, 101.3, 77.6));
      for (const [i, j] of [
        [0, 1],
        [0, 2],
        [1, 2],
      ]) {
        const label = `${shape}: ${PATTERNS[i]} vs ${PATTERNS[j]}`;
        // Measured: at most 38 levels, at most 4 pixels over 20 levels (edge pixels only) at 64 px...
        expect(maxAbsDiff(v[i].coarse, v[j].coarse), label).toBeLessThanOrEqual(40);
        expect(pixelsDiffering(v[i].coarse, v[j].coarse, 20), label).toBeLessThanOrEqual(4);
        // ...and at 256 px at least 55 levels, in 7 or more pixels by over 40 levels.
        expect(maxAbsDiff(v[i].full, v[j].full), label).toBeGreaterThanOrEqual(55);
        expect(pixelsDiffering(v[i].full, v[j].full, 40), label).toBeGreaterThanOrEqual(7);
      }
    }
  });

  it('(b) read by nearest neighbour: shape and pattern from a 256 px crop, hardly from the 64 px view', () => {
    // Leave-one-out 1-nearest-neighbour over many renders with random extent (8-14 px) and centre (+-8 px):
    // an ideal reader that knows the colour and the ground. Crops are centred on the object's rounded centre.
    const rng = createRng(3);
    type Sample = { label: string; fine: Float64Array; coarse: Float64Array };
    const crop = (rgba: Uint8ClampedArray, size: number, cx: number, cy: number, r: number): Float64Array => {
      const out: number[] = [];
      for (let y = Math.round(cy) - r; y < Math.round(cy) + r; y++)
        for (let x = Math.round(cx) - r; x < Math.round(cx) + r; x++)
          for (let c = 0; c < 3; c++) out.push(rgba[(y * size + x) * 4 + c]);
      return Float64Array.from(out);
    };
    const sample = (label: string, shape: Shape, pattern: Pattern): Sample => {
      const [x, y, extent] = [128 + rng.range(-8, 8), 128 + rng.range(-8, 8), rng.range(8, 14)];
      const v = views(shape, pattern, extent, x, y);
      return { label, fine: crop(v.full, 256, x, y, 10), coarse: crop(v.coarse, 64, x / 4, y / 4, 3) };
    };
    const accuracy = (samples: Sample[], key: 'fine' | 'coarse'): number => {
      let right = 0;
      for (const a of samples) {
        let best = Infinity;
        let label = '';
        for (const b of samples) {
          if (a === b) continue;
          const [p, q] = [a[key], b[key]];
          let d = 0;
          for (let k = 0; k < p.length && d < best; k++) d += (p[k] - q[k]) * (p[k] - q[k]);
          if (d < best) [best, label] = [d, b.label];
        }
        if (label === a.label) right++;
      }
      return right / samples.length;
    };
    const shapes = SHAPES.flatMap((s) => Array.from({ length: 40 }, () => sample(s, s, 'plain')));
    const patterns = PATTERNS.flatMap((p) => Array.from({ length: 40 }, () => sample(p, 'square', p)));
    // Measured with these seeds: shape 0.96 (256 px) vs 0.55 (64 px; chance 0.125); pattern 0.94 vs 0.52
    // (chance 0.33). Shape leaks through how much of each coarse pixel the object fills (a star fills less than
    // a square); pattern only through a few edge pixels.
    console.log(
      'ACC',
      accuracy(shapes, 'fine'),
      accuracy(shapes, 'coarse'),
      accuracy(patterns, 'fine'),
      accuracy(patterns, 'coarse'),
    );
    expect(accuracy(shapes, 'fine')).toBeGreaterThanOrEqual(0.9);
    expect(accuracy(patterns, 'fine')).toBeGreaterThanOrEqual(0.9);
    expect(accuracy(shapes, 'coarse')).toBeLessThanOrEqual(0.8);
    expect(accuracy(patterns, 'coarse')).toBeLessThanOrEqual(0.6);
  }, 30_000);
});
