/**
 * Checks dataset splits written by scripts/world.ts: every image opens as an RGB PNG of the stated size,
 * every caption matches its stored objects and parses back to them (src/world/parse.ts), perturbation records are
 * consistent, and scenes regenerate from their seed. With --ready, writes <out>/READY (the marker training waits for) only when all splits pass.
 * Usage: npm run world:validate -- [--out data/world] [--splits train,val,test] [--ready] [--seconds S]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli';
import { decode } from 'fast-png';
import { caption, prominentIndices, type CaptionStyle } from '../src/world/captions';
import { parseCaption } from '../src/world/parse';
import type { WorldObject } from '../src/world/scene';
import { cameraShot } from '../src/world/camera';
import { deriveSeed } from '../src/world/random';
import { POST_PROCESS_STREAM, splitScene } from '../src/world/split-scenes';
import { SPLIT_SEEDS, splitSpec, type Split } from '../src/world/splits';

const { values } = parseCli(import.meta.url, {
  options: {
    out: { type: 'string', default: 'data/world' },
    splits: { type: 'string', default: 'train,val,test' },
    ready: { type: 'boolean', default: false },
    seconds: { type: 'string' },
  },
});

interface StoredObject extends Omit<WorldObject, 'extent'> {
  bbox: number[];
}
interface Dataset {
  info: {
    split: Split;
    seed: number;
    size: number;
    count: number;
    start: number;
    crowded_share?: number;
    empty_share?: number;
  };
  images: { id: number; file_name: string; width: number; objects: StoredObject[] }[];
  annotations: { id: number; image_id: number; style: CaptionStyle; caption: string }[];
  perturbations: { annotation_id: number; caption: string; edits: unknown[] }[];
}

/** The caption's parse names exactly the objects it should: all (detailed) or the prominent ones (short). */
function parsesBack(text: string, objects: readonly StoredObject[], style: CaptionStyle): boolean {
  const parsed = parseCaption(text);
  const expected = style === 'detailed' ? objects : prominentIndices(objects).map((i) => objects[i]);
  const said =
    style === 'detailed'
      ? (['size', 'colour', 'pattern', 'shape', 'position'] as const)
      : (['size', 'colour', 'shape'] as const);
  return (
    parsed.unparsed.length === 0 &&
    parsed.countSaid === objects.length &&
    parsed.objects.length === expected.length &&
    parsed.objects.every((o, i) => said.every((key) => o[key] === expected[i][key]))
  );
}

function validate(dir: string, split: Split): { count: number; problems: string[] } {
  const problems: string[] = [];
  const data = JSON.parse(readFileSync(join(dir, 'captions.json'), 'utf8')) as Dataset;
  const { info } = data;
  if (info.split !== split || info.seed !== SPLIT_SEEDS[split]) problems.push(`info does not match split ${split}`);
  if (data.images.length !== info.count) problems.push(`${data.images.length} images, info says ${info.count}`);
  const byAnnotation = new Map<number, number>();
  for (const p of data.perturbations) byAnnotation.set(p.annotation_id, (byAnnotation.get(p.annotation_id) ?? 0) + 1);
  const captions = new Map(data.annotations.map((a) => [a.id, a]));
  const annotationsOf = new Map<number, Dataset['annotations']>();
  for (const a of data.annotations) annotationsOf.set(a.image_id, [...(annotationsOf.get(a.image_id) ?? []), a]);
  for (const image of data.images) {
    const png = decode(readFileSync(join(dir, image.file_name)));
    if (png.width !== info.size || png.height !== info.size || png.channels !== 3 || png.depth !== 8) {
      problems.push(`${image.file_name}: ${png.width}x${png.height}, ${png.channels} channels, depth ${png.depth}`);
    }
    const own = annotationsOf.get(image.id) ?? [];
    for (const style of ['detailed', 'short'] as const) {
      const annotation = own.find((a) => a.style === style);
      const expected = caption(image.objects, style);
      if (!annotation || annotation.caption !== expected) problems.push(`image ${image.id}: ${style} caption mismatch`);
      else if (byAnnotation.get(annotation.id) !== 3) problems.push(`annotation ${annotation.id}: not 3 perturbations`);
      if (annotation && !parsesBack(annotation.caption, image.objects, style))
        problems.push(`image ${image.id}: ${style} caption does not parse back to its objects`);
    }
    // Regenerate a sample of scenes: the stored objects must be what the seed gives.
    if (image.id % 97 === 0) {
      // A training mix draws each scene's kind from its own seed; the split's object range does the rest.
      const mix = { crowdedShare: info.crowded_share ?? 0, emptyShare: info.empty_share ?? 0 };
      const drawn = splitScene(split, image.id, mix);
      // A camera split's truth is where the camera put the objects (cells may change): shoot the scene again.
      const regenerated =
        splitSpec(split).postProcess === 'camera'
          ? cameraShot(drawn.scene, info.size, deriveSeed(drawn.seed, POST_PROCESS_STREAM)).objects
          : drawn.scene.objects;
      if (caption(regenerated, 'detailed') !== caption(image.objects, 'detailed'))
        problems.push(`image ${image.id}: seed does not regenerate it`);
    }
  }
  for (const p of data.perturbations) {
    const truth = captions.get(p.annotation_id)?.caption;
    if ((p.edits.length === 0) !== (p.caption === truth))
      problems.push(`perturbation of ${p.annotation_id}: edits and caption disagree`);
  }
  return { count: data.images.length, problems };
}

const counts: Record<string, number> = {};
let failed = false;
for (const split of (values.splits as string).split(',') as Split[]) {
  const { count, problems } = validate(join(values.out as string, split), split);
  counts[split] = count;
  console.log(`${split}: ${count} scenes, ${problems.length} problems`);
  for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
  failed ||= problems.length > 0;
}
if (failed) process.exit(1);
if (values.ready) {
  const marker = {
    counts,
    generation_seconds: values.seconds ? Number(values.seconds) : null,
    written: new Date().toISOString(),
  };
  writeFileSync(join(values.out as string, 'READY'), `${JSON.stringify(marker, null, 2)}\n`);
  console.log(`wrote ${join(values.out as string, 'READY')}`);
}
