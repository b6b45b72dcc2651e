import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prominentIndices } from '../src/world/captions';
import { parseCaption } from '../src/world/parse';
import { sceneSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import { sampleScene, type ObjectDescription } from '../src/world/scene';
import { SPLIT_SEEDS } from '../src/world/splits';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const COUNT = 16;
const SIZE = 64;
const START = 40;

interface Dataset {
  info: { split: string; seed: number; size: number; count: number; start: number };
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
