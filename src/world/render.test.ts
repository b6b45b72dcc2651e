import { describe, expect, it } from 'vitest';
import { downsampleBox } from './image';
import { COLOUR_RGB, patternTones } from './palette';
import { sceneSeed } from './random';
import { renderScene } from './render';
import { COLOURS, cellAt, sampleScene, type Background, type Scene, type WorldObject } from './scene';

const flat = (rgb: [number, number, number]): Background => ({
  kind: 'plain',
  base: rgb,
  to: rgb,
  direction: 'horizontal',
  gridCells: 8,
  noiseSeed: 0,
});

function single(
  o: Partial<WorldObject> & Pick<WorldObject, 'cx' | 'cy' | 'extent'>,
  bg: [number, number, number],
): Scene {
  const object: WorldObject = {
    shape: 'square',
    colour: 'red',
    size: 'small',
    pattern: 'plain',
    position: cellAt(o.cx, o.cy),
    ...o,
  };
  return { background: flat(bg), objects: [object] };
}

const pixel = (rgba: Uint8ClampedArray, size: number, x: number, y: number): number[] =>
  Array.from(rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 3));

describe('renderScene', () => {
  it('gives identical bytes for the same scene and size', () => {
    const scene = sampleScene(sceneSeed(1, 17));
    const same = Buffer.from(renderScene(scene, 256)).equals(Buffer.from(renderScene(scene, 256)));
    expect(same).toBe(true);
    expect(renderScene(scene, 100).length).toBe(100 * 100 * 4);
  });

  it('fills a pixel-aligned square exactly, with no bleed outside it', () => {
    // Extent 16/64 centred at 32 px covers exactly columns and rows 24..39.
    const rgba = renderScene(single({ cx: 0.5, cy: 0.5, extent: 16 / 64 }, [100, 100, 100]), 64);
    expect(pixel(rgba, 64, 24, 24)).toEqual([...COLOUR_RGB.red]);
    expect(pixel(rgba, 64, 39, 39)).toEqual([...COLOUR_RGB.red]);
    expect(pixel(rgba, 64, 23, 30)).toEqual([100, 100, 100]);
    expect(pixel(rgba, 64, 40, 30)).toEqual([100, 100, 100]);
    expect(pixel(rgba, 64, 0, 0)).toEqual([100, 100, 100]);
  });

  it('anti-aliases a circle: total coverage is pi r^2 and edges have partial values', () => {
    const size = 256;
    const rgba = renderScene(
      single({ shape: 'circle', colour: 'white', cx: 0.5, cy: 0.5, extent: 64 / 256 }, [0, 0, 0]),
      size,
    );
    let coverage = 0;
    let partial = 0;
    for (let p = 0; p < size * size; p++) {
      const v = rgba[p * 4] / COLOUR_RGB.white[0];
      coverage += v;
      if (v > 0.05 && v < 0.95) partial++;
    }
    expect(Math.abs(coverage - Math.PI * 32 * 32) / (Math.PI * 32 * 32)).toBeLessThan(0.005);
    expect(partial).toBeGreaterThan(100);
  });

  it('draws the same picture at any size: 256 px box-downsampled to 64 matches a 64 px render', () => {
    for (let i = 0; i < 5; i++) {
      const scene = sampleScene(sceneSeed(4, i));
      const coarse = downsampleBox(renderScene(scene, 256), 256, 4);
      const direct = renderScene(scene, 64);
      let sum = 0;
      for (let k = 0; k < coarse.length; k++) sum += Math.abs(coarse[k] - direct[k]);
      expect(sum / coarse.length).toBeLessThan(1);
    }
  });
});

describe('fixed difficulty of small patterned objects', () => {
  const bg: [number, number, number] = [90, 150, 200];
  const render = (pattern: WorldObject['pattern']): Uint8ClampedArray =>
    renderScene(single({ shape: 'square', colour: 'orange', pattern, cx: 0.5, cy: 0.5, extent: 12 / 256 }, bg), 256);
  // The object spans 122..134 px; its interior at 256 px and its 64 px cells 31..32 (i.e. 124..131 at 256).
  const region = (rgba: Uint8ClampedArray, size: number, lo: number, hi: number): number[][] => {
    const out: number[][] = [];
    for (let y = lo; y <= hi; y++) for (let x = lo; x <= hi; x++) out.push(pixel(rgba, size, x, y));
    return out;
  };
  const spread = (pixels: number[][]): number =>
    Math.max(...pixels.map((p) => p[1])) - Math.min(...pixels.map((p) => p[1]));
  const mean = (pixels: number[][], c: number): number => pixels.reduce((s, p) => s + p[c], 0) / pixels.length;

  it('shows stripes and dots at full resolution', () => {
    expect(spread(region(render('plain'), 256, 124, 131))).toBe(0);
    expect(spread(region(render('striped'), 256, 124, 131))).toBeGreaterThan(40);
    expect(spread(region(render('dotted'), 256, 124, 131))).toBeGreaterThan(40);
  });

  it('averages patterns out at 1/4 resolution, to the plain colour', () => {
    const plain = region(downsampleBox(render('plain'), 256, 4), 64, 31, 32);
    for (const pattern of ['striped', 'dotted'] as const) {
      const coarse = region(downsampleBox(render(pattern), 256, 4), 64, 31, 32);
      for (const c of [0, 1, 2]) expect(Math.abs(mean(coarse, c) - mean(plain, c))).toBeLessThan(12);
    }
  });

  it('pairs every colour with two visibly different tones whose mean is the plain colour', () => {
    for (const colour of COLOURS) {
      for (const f of [0.5, 0.2827]) {
        const { base, tone } = patternTones(COLOUR_RGB[colour], f);
        for (const c of [0, 1, 2])
          expect(Math.abs(f * tone[c] + (1 - f) * base[c] - COLOUR_RGB[colour][c])).toBeLessThanOrEqual(0.5);
        expect(Math.max(...[0, 1, 2].map((c) => Math.abs(tone[c] - base[c])))).toBeGreaterThanOrEqual(50);
      }
    }
  });
});
