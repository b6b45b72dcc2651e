import { demoSceneAt } from '../src/world/demo-world';
import { sceneSeed } from '../src/world/random';
import { renderScene } from '../src/world/render';
import { BACKGROUND_KINDS, PATTERNS, SHAPES, sampleScene, type Scene } from '../src/world/scene';
import { expect, test } from './fixtures/test';
import { bundleWorld, openWorldPage, sha256 } from './pages/world-harness';

/** Scenes of three split seeds, plus the demo world at three moments; each at 64 and 256 px. */
const SCENE_SEEDS = [1, 2, 3].flatMap((split) => Array.from({ length: 10 }, (_, i) => sceneSeed(split, i)));
const DEMO_TIMES_MS = [0, 5_000, 61_234];
const SIZES = [64, 256];

let bundle: string;
test.beforeAll(async () => {
  bundle = await bundleWorld();
});

test.describe('world rendering, Node vs Chromium', () => {
  test('the cases cover every background kind, shape and pattern', () => {
    const scenes = SCENE_SEEDS.map((seed) => sampleScene(seed));
    const objects = scenes.flatMap((s) => s.objects);
    expect(new Set(scenes.map((s) => s.background.kind))).toEqual(new Set(BACKGROUND_KINDS));
    expect(new Set(objects.map((o) => o.shape))).toEqual(new Set(SHAPES));
    expect(new Set(objects.map((o) => o.pattern))).toEqual(new Set(PATTERNS));
  });

  test('samples the same scenes and renders byte-identical pixels', async ({ page, baseURL }) => {
    await openWorldPage(page, baseURL!, bundle);
    const nodeScenes: Scene[] = [
      ...SCENE_SEEDS.map((seed) => sampleScene(seed)),
      ...DEMO_TIMES_MS.map((t) => demoSceneAt(7, t)),
    ];
    const nodeHashes = nodeScenes.flatMap((scene) => SIZES.map((size) => sha256(renderScene(scene, size))));

    const inPage = await page.evaluate(
      async ({ seeds, times, sizes }) => {
        const world = window.GlanceWorld;
        const scenes = [...seeds.map((seed) => world.sampleScene(seed)), ...times.map((t) => world.demoSceneAt(7, t))];
        const hashes: string[] = [];
        for (const scene of scenes) {
          for (const size of sizes) {
            const digest = await crypto.subtle.digest('SHA-256', world.renderScene(scene, size));
            hashes.push(Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
          }
        }
        return { scenes: JSON.stringify(scenes), hashes };
      },
      { seeds: SCENE_SEEDS, times: DEMO_TIMES_MS, sizes: SIZES },
    );
    expect(inPage.scenes).toBe(JSON.stringify(nodeScenes));
    expect(inPage.hashes).toEqual(nodeHashes);
  });
});
