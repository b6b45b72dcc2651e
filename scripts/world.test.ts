import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prominentIndices } from '../src/world/captions';
import { parseCaption } from '../src/world/parse';
import { cameraShot } from '../src/world/camera';
import { deriveSeed, sceneSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import { sampleScene, type ObjectDescription } from '../src/world/scene';
import { POST_PROCESS_STREAM, splitScene, type SceneMix } from '../src/world/split-scenes';
import { SPLIT_SEEDS } from '../src/world/splits';
import { ensureWorldSplit } from './bench/world-split';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const COUNT = 16;
const SIZE = 64;
const START = 40;

interface Dataset {
  info: {
    split: string;
    seed: number;
    size: number;
    count: number;
    start: number;
    min_objects: number;
    max_objects: number;
    crowded_share: number;
    empty_share: number;
    scenes_of: string;
    post_process: string | null;
  };
  images: { id: number; file_name: string; objects: ObjectDescription[] }[];
  annotations: { id: number; image_id: number; style: 'detailed' | 'short'; caption: string }[];
}

/** What a caption may say of an object: any attribute, or null / absent. */
type Said = { [K in keyof ObjectDescription]?: ObjectDescription[K] | null };

const describeAll = (objects: readonly Said[]): string =>
  objects.map((o) => [o.size, o.colour, o.pattern, o.shape, o.position].join(' ')).join(', ');

describe('npm run world (dataset CLI) output', () => {
  let dir: string;
  let data: Dataset;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'world-cli-'));
    const args = ['--split', 'val', '--count', String(COUNT), '--size', String(SIZE), '--start', String(START)];
    execFileSync(TSX, ['scripts/world.ts', ...args, '--out', dir], { stdio: 'pipe' });
    data = JSON.parse(readFileSync(join(dir, 'val', 'captions.json'), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the requested scenes of the split', () => {
    expect(data.info).toMatchObject({ split: 'val', seed: SPLIT_SEEDS.val, size: SIZE, count: COUNT, start: START });
    expect(data.info).toMatchObject({ min_objects: 1, max_objects: 6, crowded_share: 0, empty_share: 0 });
    expect(data.info).toMatchObject({ scenes_of: 'val', post_process: null });
    expect(data.images.map((i) => i.id)).toEqual(Array.from({ length: COUNT }, (_, k) => START + k));
    expect(data.annotations.length).toBe(2 * COUNT);
  });

  it('writes every image as an RGB PNG of the scene its seed gives', () => {
    for (const image of data.images) {
      const png = decode(readFileSync(join(dir, 'val', image.file_name)));
      expect([png.width, png.height, png.channels, png.depth]).toEqual([SIZE, SIZE, 3, 8]);
      const rgba = renderScene(sampleScene(sceneSeed(SPLIT_SEEDS.val, image.id)), SIZE);
      let same = true;
      for (let p = 0; p < SIZE * SIZE && same; p++)
        for (let c = 0; c < 3; c++) same &&= png.data[p * 3 + c] === rgba[p * 4 + c];
      expect(same, image.file_name).toBe(true);
    }
  });

  it('has captions that parse back to the image objects', () => {
    const byId = new Map(data.images.map((i) => [i.id, i]));
    for (const annotation of data.annotations) {
      const { objects } = byId.get(annotation.image_id)!;
      const parsed = parseCaption(annotation.caption);
      expect(parsed.unparsed).toEqual([]);
      expect(parsed.countSaid).toBe(objects.length);
      if (annotation.style === 'detailed') {
        expect(describeAll(parsed.objects)).toBe(describeAll(objects));
      } else {
        const named = prominentIndices(objects).map((k) => ({
          ...objects[k],
          pattern: undefined,
          position: undefined,
        }));
        const said = parsed.objects.map((o) => ({ ...o, pattern: undefined, position: undefined }));
        expect(describeAll(said)).toBe(describeAll(named));
      }
    }
  });

  it('passes the validator (npm run world:validate)', () => {
    const output = execFileSync(TSX, ['scripts/world-validate.ts', '--out', dir, '--splits', 'val'], {
      encoding: 'utf8',
    });
    expect(output).toContain(`val: ${COUNT} scenes, 0 problems`);
  });
});

/** Runs the dataset CLI into `dir`; returns the split's captions.json. */
function generate(dir: string, split: string, count: number, start = 0, extra: string[] = []): Dataset {
  const args = ['--split', split, '--count', String(count), '--size', String(SIZE), '--start', String(start)];
  execFileSync(TSX, ['scripts/world.ts', ...args, ...extra, '--out', dir], { stdio: 'pipe' });
  return JSON.parse(readFileSync(join(dir, split, 'captions.json'), 'utf8'));
}

const imageBytes = (dir: string, split: string, fileName: string): Buffer => readFileSync(join(dir, split, fileName));

describe('npm run world: crowded and empty splits, training mixes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'world-cli-mix-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes test-crowded: 7-9 objects per scene, captions that parse back', () => {
    const data = generate(dir, 'test-crowded', 8);
    expect(data.info).toMatchObject({ split: 'test-crowded', seed: 4, min_objects: 7, max_objects: 9 });
    for (const image of data.images) {
      expect(image.objects.length).toBeGreaterThanOrEqual(7);
      expect(image.objects.length).toBeLessThanOrEqual(9);
    }
    for (const a of data.annotations) {
      const parsed = parseCaption(a.caption);
      expect(parsed.unparsed).toEqual([]);
      expect(parsed.countSaid).toBe(data.images.find((i) => i.id === a.image_id)!.objects.length);
    }
  }, 60_000);

  it('writes test-camera: the test scenes as the camera shoots them, the same bytes in any batch', () => {
    const whole = generate(join(dir, 'whole-camera'), 'test-camera', 5);
    const part = generate(join(dir, 'part-camera'), 'test-camera', 2, 3);
    const test = generate(dir, 'test', 5);
    expect(whole.info).toMatchObject({ split: 'test-camera', seed: 3, scenes_of: 'test', post_process: 'camera' });
    for (const image of whole.images) {
      const drawn = splitScene('test', image.id);
      const shot = cameraShot(drawn.scene, SIZE, deriveSeed(drawn.seed, POST_PROCESS_STREAM));
      // The truth is where the camera put each object; the objects themselves are the test scene's.
      expect(image.objects.map((o) => o.position)).toEqual(shot.objects.map((o) => o.position));
      const kinds = (objects: readonly ObjectDescription[]) => objects.map((o) => `${o.colour} ${o.shape}`).sort();
      expect(kinds(image.objects)).toEqual(kinds(drawn.scene.objects));
      expect(imageBytes(join(dir, 'whole-camera'), 'test-camera', image.file_name)).not.toEqual(
        imageBytes(dir, 'test', test.images.find((i) => i.id === image.id)!.file_name),
      );
    }
    for (const image of part.images) {
      const same = whole.images.find((i) => i.id === image.id)!;
      expect(image).toEqual(same);
      expect(imageBytes(join(dir, 'part-camera'), 'test-camera', image.file_name)).toEqual(
        imageBytes(join(dir, 'whole-camera'), 'test-camera', same.file_name),
      );
    }
    for (const a of whole.annotations.filter((x) => x.style === 'detailed')) {
      const objects = whole.images.find((i) => i.id === a.image_id)!.objects;
      expect(parseCaption(a.caption).objects.map((o) => o.position)).toEqual(objects.map((o) => o.position));
    }
  }, 60_000);

  it('writes test-empty: no objects, "no objects." in both styles', () => {
    const data = generate(dir, 'test-empty', 4);
    expect(data.info).toMatchObject({ split: 'test-empty', seed: 5, min_objects: 0, max_objects: 0 });
    for (const image of data.images) expect(image.objects).toEqual([]);
    expect(new Set(data.annotations.map((a) => a.caption))).toEqual(new Set(['no objects.']));
    expect(data.annotations.map((a) => a.style).sort()).toEqual([
      ...Array(4).fill('detailed'),
      ...Array(4).fill('short'),
    ]);
  }, 60_000);

  it('mixes crowded and empty scenes into a split by share, each scene the same whichever run makes it', () => {
    const mix: SceneMix = { crowdedShare: 0.3, emptyShare: 0.2 };
    const flags = ['--crowded-share', '0.3', '--empty-share', '0.2'];
    const whole = generate(join(dir, 'whole'), 'train', 24, 0, flags);
    const part = generate(join(dir, 'part'), 'train', 8, 12, flags);
    expect(whole.info).toMatchObject({ split: 'train', min_objects: 1, max_objects: 6 });
    expect(whole.info).toMatchObject({ crowded_share: 0.3, empty_share: 0.2 });
    const kinds = whole.images.map((image) => {
      const expected = splitScene('train', image.id, mix);
      expect(image.objects.map((o) => o.shape)).toEqual(expected.scene.objects.map((o) => o.shape));
      return expected.kind;
    });
    // 24 scenes at 30 % and 20 %: every kind occurs (scenes 0-23 of train give 5 crowded and 6 empty).
    expect(new Set(kinds)).toEqual(new Set(['split', 'crowded', 'empty']));
    for (const image of part.images) {
      const same = whole.images.find((i) => i.id === image.id)!;
      expect(image).toEqual(same);
      expect(imageBytes(join(dir, 'part'), 'train', image.file_name)).toEqual(
        imageBytes(join(dir, 'whole'), 'train', same.file_name),
      );
    }
    const annotationsOf = (d: Dataset, id: number) => d.annotations.filter((a) => a.image_id === id);
    for (const image of part.images) expect(annotationsOf(part, image.id)).toEqual(annotationsOf(whole, image.id));
  }, 60_000);

  it('refuses shares outside 0-1 and unknown splits', () => {
    expect(() => generate(dir, 'train', 1, 0, ['--crowded-share', '0.8', '--empty-share', '0.3'])).toThrow();
    expect(() => generate(dir, 'test-blurry', 1)).toThrow();
  }, 60_000);

  it('ensureWorldSplit generates a split named by its folder, e.g. data/world/test-empty', () => {
    const target = join(dir, 'data', 'test-empty');
    expect(ensureWorldSplit(target, 3)).toBeGreaterThan(0);
    const data = JSON.parse(readFileSync(join(target, 'captions.json'), 'utf8')) as Dataset;
    expect(data.info).toMatchObject({ split: 'test-empty', count: 3, min_objects: 0 });
    expect(ensureWorldSplit(target, 3)).toBeNull(); // already there
    expect(() => ensureWorldSplit(join(dir, 'data', 'test-blurry'))).toThrow(/not a world split/);
  }, 60_000);
});
