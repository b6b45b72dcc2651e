/**
 * Dataset CLI for the scene world (docs/dataset-format.md).
 * Usage: npm run world -- --split <name> --count N [--size 256] [--out data/world] [--start 0]
 *                         [--crowded-share 0] [--empty-share 0]
 * Splits: src/world/splits.ts (train, val, test, test-crowded, test-empty, test-camera). Writes <out>/<split>/images/NNNNNN.png
 * (RGB) and <out>/<split>/captions.json for scenes start..start+N-1. The shares turn that part of the scenes into
 * crowded (7-9 objects) or empty ones, each scene deciding from its own seed (src/world/split-scenes.ts).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli';
import { encode } from 'fast-png';
import { caption, type CaptionStyle } from '../src/world/captions';
import { cameraShots } from '../src/world/camera';
import { rgbaToRgb } from '../src/world/image';
import { perturb } from '../src/world/perturb';
import { deriveSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import type { Scene, WorldObject } from '../src/world/scene';
import { POST_PROCESS_STREAM, checkMix, splitScene, type SceneMix } from '../src/world/split-scenes';
import { SPLIT_NAMES, isSplit, splitSpec, type PostProcess } from '../src/world/splits';

const PERTURBATIONS_PER_ANNOTATION = 3;
const STYLES: readonly CaptionStyle[] = ['detailed', 'short'];

/**
 * A post-processing: each scene as it shows it at `size` px, drawn deterministically from its `seed`: the RGBA
 * picture and the objects as the picture shows them (a camera moves them, maybe into another cell), which the
 * captions then describe.
 */
type PostProcessor = (
  items: readonly { scene: Scene; seed: number }[],
  size: number,
) => { rgba: Uint8ClampedArray; objects: WorldObject[] }[];
/** How this CLI runs each post-processing a split may name. */
const POST_PROCESSORS: Record<PostProcess, PostProcessor> = { camera: cameraShots };
const clean: PostProcessor = (items, size) =>
  items.map(({ scene }) => ({ rgba: renderScene(scene, size), objects: scene.objects }));
/** Scenes shot per post-processing call: the camera shares one JPEG coder among a batch's equal qualities. */
const SHOT_BATCH = 100;

const { values } = parseCli(import.meta.url, {
  options: {
    split: { type: 'string' },
    count: { type: 'string' },
    size: { type: 'string', default: '256' },
    out: { type: 'string', default: 'data/world' },
    start: { type: 'string', default: '0' },
    'crowded-share': { type: 'string', default: '0' },
    'empty-share': { type: 'string', default: '0' },
  },
});
const split = values.split ?? '';
if (!isSplit(split)) throw new Error(`--split must be one of ${SPLIT_NAMES.join(', ')}`);
const spec = splitSpec(split);
const shoot = spec.postProcess === null ? clean : POST_PROCESSORS[spec.postProcess];
const count = Number(values.count);
const size = Number(values.size);
const start = Number(values.start);
const mix: SceneMix = { crowdedShare: Number(values['crowded-share']), emptyShare: Number(values['empty-share']) };
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
if (!Number.isInteger(size) || size < 8) throw new Error('--size must be an integer >= 8');
if (!Number.isInteger(start) || start < 0) throw new Error('--start must be a non-negative integer');
checkMix(mix);

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
function writeScene(id: number, seed: number, scene: Scene, shot: { rgba: Uint8ClampedArray; objects: WorldObject[] }) {
  const { rgba, objects } = shot;
  const fileName = `images/${String(id).padStart(6, '0')}.png`;
  const png = encode({ width: size, height: size, data: rgbaToRgb(rgba), channels: 3 });
  writeFileSync(join(splitDir, fileName), png);
  images.push({
    id,
    file_name: fileName,
    width: size,
    height: size,
    objects: objects.map(objectRecord),
    background: scene.background.kind,
  });
  STYLES.forEach((style, s) => {
    const annotationId = id * STYLES.length + s;
    annotations.push({ id: annotationId, image_id: id, style, caption: caption(objects, style) });
    for (let k = 0; k < PERTURBATIONS_PER_ANNOTATION; k++) {
      const p = perturb(objects, style, deriveSeed(seed, 1 + s * PERTURBATIONS_PER_ANNOTATION + k));
      perturbations.push({ annotation_id: annotationId, image_id: id, style, caption: p.caption, edits: p.edits });
    }
  });
}

for (let first = start; first < start + count; first += SHOT_BATCH) {
  const ids = Array.from({ length: Math.min(SHOT_BATCH, start + count - first) }, (_, i) => first + i);
  const drawn = ids.map((id) => splitScene(split, id, mix));
  const shots = shoot(
    drawn.map(({ seed, scene }) => ({ scene, seed: deriveSeed(seed, POST_PROCESS_STREAM) })),
    size,
  );
  drawn.forEach(({ seed, scene }, i) => writeScene(ids[i], seed, scene, shots[i]));
  const done = first + ids.length - start;
  if (done % 2000 === 0)
    console.log(`${split}: ${done}/${count} scenes, ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
const info = {
  description: 'Glance scene world',
  split,
  seed: spec.seed,
  size,
  count,
  start,
  version: 1,
  // The split's own object range, before any mix; a processed split's scenes are those of `scenes_of`.
  min_objects: spec.objects.minObjects,
  max_objects: spec.objects.maxObjects,
  crowded_share: mix.crowdedShare,
  empty_share: mix.emptyShare,
  scenes_of: spec.scenesOf,
  post_process: spec.postProcess,
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
