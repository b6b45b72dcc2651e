/**
 * Renders a hand-made scene of small and medium objects at 256 px plus its 1/4 box-downsampled view
 * (upscaled x4, nearest, for viewing) to check the fixed difficulty by eye.
 * Usage: npm run world:preview -- [outDir=/tmp]; docs/world-difficulty.png is a copy of its world-difficulty.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { downsampleBox, rgbaToRgb } from '../src/world/image';
import { renderScene } from '../src/world/render';
import { PATTERNS, SHAPES, cellAt, sampleScene, type Scene, type Size, type WorldObject } from '../src/world/scene';
import { COLOURS } from '../src/world/scene';

const outDir = process.argv[2] ?? '/tmp';
const SIZE = 256;

function object(i: number, size: Size, extentPx: number, cx: number, cy: number): WorldObject {
  return {
    shape: SHAPES[i % SHAPES.length],
    colour: COLOURS[(i * 5) % COLOURS.length],
    size,
    pattern: PATTERNS[Math.floor(i / SHAPES.length) % PATTERNS.length],
    cx,
    cy,
    extent: extentPx / SIZE,
    position: cellAt(cx, cy),
  };
}

const objects: WorldObject[] = [];
for (let i = 0; i < 24; i++)
  objects.push(object(i, 'small', 8 + (i % 4) * 2, (16 + (i % 8) * 28) / SIZE, (16 + Math.floor(i / 8) * 22) / SIZE));
for (let i = 0; i < 12; i++)
  objects.push(
    object(i * 2 + 1, 'medium', 24 + (i % 3) * 6, (24 + (i % 6) * 40) / SIZE, (100 + Math.floor(i / 6) * 44) / SIZE),
  );
for (let i = 0; i < 3; i++) objects.push(object(i * 8 + 3, 'large', 60, (45 + i * 82) / SIZE, 212 / SIZE));
const showcase: Scene = {
  background: {
    kind: 'grid',
    base: [190, 200, 185],
    to: [190, 200, 185],
    direction: 'horizontal',
    gridCells: 10,
    noiseSeed: 1,
  },
  objects,
};

function upscale(rgba: Uint8ClampedArray, size: number, factor: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(size * factor * size * factor * 4);
  for (let y = 0; y < size * factor; y++)
    for (let x = 0; x < size * factor; x++)
      for (let c = 0; c < 4; c++)
        out[(y * size * factor + x) * 4 + c] = rgba[(Math.floor(y / factor) * size + Math.floor(x / factor)) * 4 + c];
  return out;
}

/** The top-left `side` x `side` pixels: small objects at full resolution, for upscaled viewing. */
function crop(rgba: Uint8ClampedArray, size: number, side: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) out.set(rgba.subarray(y * size * 4, (y * size + side) * 4), y * side * 4);
  return out;
}

function save(name: string, rgba: Uint8ClampedArray, size: number): void {
  writeFileSync(join(outDir, name), encode({ width: size, height: size, data: rgbaToRgb(rgba), channels: 3 }));
}

for (const [name, scene] of [
  ['showcase', showcase],
  ['sample7', sampleScene(7)],
  ['sample8', sampleScene(8)],
] as const) {
  const full = renderScene(scene, SIZE);
  save(`world-${name}-256.png`, full, SIZE);
  save(`world-${name}-64x4.png`, upscale(downsampleBox(full, SIZE, 4), 64, 4), SIZE);
  save(`world-${name}-crop-x4.png`, upscale(crop(full, SIZE, 64), 64, 4), SIZE);
}
// The committed figure (docs/world-difficulty.png): full resolution left, the 1/4 global view (x4) right.
const full = renderScene(showcase, SIZE);
const coarse = upscale(downsampleBox(full, SIZE, 4), 64, 4);
const figure = new Uint8ClampedArray(SIZE * 2 * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  figure.set(full.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * SIZE * 8);
  figure.set(coarse.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * SIZE * 8 + SIZE * 4);
}
writeFileSync(
  join(outDir, 'world-difficulty.png'),
  encode({ width: SIZE * 2, height: SIZE, data: rgbaToRgb(figure), channels: 3 }),
);
console.log(`wrote previews to ${outDir}`);
