import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { parseCaption as parseRealCaption } from '../src/core/real/parse-caption';
import { parseCaption as parseWorldCaption, statedCount } from '../src/world/parse';
import { sceneSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import { sampleScene } from '../src/world/scene';
import { SPLIT_SEEDS } from '../src/world/splits';

// Made by `npm run models:real` and `npm run photos:real`, the first stage of `npm test`.
const PHOTO = '.cache/real-photos/photos/kite.jpg';
const TSX = join('node_modules', '.bin', 'tsx');

interface Printed {
  file: string;
  coarse: string;
  refined: string;
  regions: { x: number; y: number; w: number; h: number }[];
  objects?: { coarse: { label: string; name?: string }[]; refined?: { label: string; name?: string }[] };
}

/** `npm run caption -- --json --model MODEL FILE` as a user runs it, its stdout parsed. */
function captionCli(model: string, file: string): Printed[] {
  const out = execFileSync(TSX, ['scripts/caption.ts', '--json', '--model', model, file], { encoding: 'utf8' });
  return JSON.parse(out) as Printed[];
}

describe('npm run caption -- --json', () => {
  it("prints the real-world model's two captions, its regions and the objects each caption names", () => {
    if (!existsSync(PHOTO)) throw new Error(`${PHOTO} is missing: run npm run models:real && npm run photos:real`);
    const [printed] = captionCli('real', PHOTO);
    expect(printed.file).toBe(PHOTO);
    expect(printed.regions.length).toBeGreaterThan(0);
    // Every object the refined caption counts has a box, under the class and word the caption uses.
    const items = parseRealCaption(printed.refined).items;
    expect(printed.objects?.refined).toHaveLength(items.reduce((n, i) => n + i.count, 0));
    expect(new Set(printed.objects?.refined?.map((o) => o.label))).toEqual(new Set(items.map((i) => i.label)));
    expect(printed.objects?.refined?.find((o) => o.label === 'person')?.name).toBe('person');
  }, 60_000);

  it("prints the world model's captions of a world scene, and no objects (it knows no boxes)", () => {
    const scene = sampleScene(sceneSeed(SPLIT_SEEDS.test, 0));
    const file = join(mkdtempSync(join(tmpdir(), 'caption-cli-')), 'scene.png');
    writeFileSync(file, encodePng({ width: 256, height: 256, data: renderScene(scene, 256), channels: 4 }));
    const [printed] = captionCli('world', file);
    expect(statedCount(parseWorldCaption(printed.refined))).toBe(scene.objects.length);
    expect(printed.objects).toBeUndefined();
  }, 60_000);
});
