/**
 * Dataset CLI for the scene world (docs/dataset-format.md).
 * Usage: npm run world -- --split train|val|test --count N [--size 256] [--out data/world] [--start 0]
 * Writes <out>/<split>/images/NNNNNN.png (RGB) and <out>/<split>/captions.json for scenes start..start+N-1.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encode } from 'fast-png';
import { caption, type CaptionStyle } from '../src/world/captions';
import { rgbaToRgb } from '../src/world/image';
import { perturb } from '../src/world/perturb';
import { deriveSeed, sceneSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import { sampleScene, type WorldObject } from '../src/world/scene';
import { SPLIT_SEEDS, type Split } from '../src/world/splits';

const PERTURBATIONS_PER_ANNOTATION = 3;
const STYLES: readonly CaptionStyle[] = ['detailed', 'short'];

const { values } = parseArgs({
  options: {
    split: { type: 'string' },
    count: { type: 'string' },
    size: { type: 'string', default: '256' },
    out: { type: 'string', default: 'data/world' },
    start: { type: 'string', default: '0' },
  },
});
const split = values.split as Split;
if (!(split in SPLIT_SEEDS)) throw new Error(`--split must be one of ${Object.keys(SPLIT_SEEDS).join(', ')}`);
const count = Number(values.count);
const size = Number(values.size);
const start = Number(values.start);
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
if (!Number.isInteger(size) || size < 8) throw new Error('--size must be an integer >= 8');
if (!Number.isInteger(start) || start < 0) throw new Error('--start must be a non-negative integer');

const splitDir = join(values.out as string, split);
mkdirSync(join(splitDir, 'images'), { recursive: true });
const round2 = (v: number): number => Math.round(v * 100) / 100;

/** An object as captions.json stores it: geometry in pixels of this image. */
function objectRecord(o: WorldObject) {
  const half = (o.extent * size) / 2;
  const x0 = Math.floor(o.cx * size - half);
  const y0 = Math.floor(o.cy * size - half);
  const x1 = Math.ceil(o.cx * size + half);
  const y1 = Math.ceil(o.cy * size + half);
  return {
    shape: o.shape,
    colour: o.colour,
    size: o.size,
    pattern: o.pattern,
    position: o.position,
    cx: round2(o.cx * size),
    cy: round2(o.cy * size),
    bbox: [x0, y0, x1 - x0, y1 - y0],
  };
}

const images: unknown[] = [];
const annotations: unknown[] = [];
const perturbations: unknown[] = [];
const began = performance.now();
for (let id = start; id < start + count; id++) {
  const seed = sceneSeed(SPLIT_SEEDS[split], id);
  const scene = sampleScene(seed);
  const fileName = `images/${String(id).padStart(6, '0')}.png`;
  const png = encode({ width: size, height: size, data: rgbaToRgb(renderScene(scene, size)), channels: 3 });
  writeFileSync(join(splitDir, fileName), png);
  images.push({
    id,
    file_name: fileName,
    width: size,
    height: size,
    objects: scene.objects.map(objectRecord),
    background: scene.background.kind,
  });
  STYLES.forEach((style, s) => {
    const annotationId = id * STYLES.length + s;
    annotations.push({ id: annotationId, image_id: id, style, caption: caption(scene.objects, style) });
    for (let k = 0; k < PERTURBATIONS_PER_ANNOTATION; k++) {
      const p = perturb(scene.objects, style, deriveSeed(seed, 1 + s * PERTURBATIONS_PER_ANNOTATION + k));
      perturbations.push({ annotation_id: annotationId, image_id: id, style, caption: p.caption, edits: p.edits });
    }
  });
  const done = id - start + 1;
  if (done % 2000 === 0)
    console.log(`${split}: ${done}/${count} scenes, ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
const info = {
  description: 'Glance scene world',
  split,
  seed: SPLIT_SEEDS[split],
  size,
  count,
  start,
  version: 1,
};
const target = join(splitDir, 'captions.json');
// Write then rename, so a reader never sees a half-written file.
writeFileSync(`${target}.tmp`, JSON.stringify({ info, images, annotations, perturbations }));
renameSync(`${target}.tmp`, target);
const seconds = (performance.now() - began) / 1000;
console.log(
  `${split}: wrote ${count} scenes at ${size} px to ${splitDir} in ${seconds.toFixed(1)} s ` +
    `(${((seconds * 1000) / count).toFixed(2)} ms/scene)`,
);
