import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneSeed } from '../world/random';
import { renderScene } from '../world/render';
import { sampleScene } from '../world/scene';
import { SPLIT_SEEDS } from '../world/splits';
import { type NodeCaptioner, type NodeRuntime, loadNodeCaptioner } from './load-captioner';
import type { WorldReferenceFile as Reference } from './testing/reference-file';

/**
 * Parity of the shipped bundle: the TypeScript engine's greedy captions (both passes) equal the PyTorch
 * reference (training/export.py -> reference.json) token for token, and its heat maps agree within
 * HEAT_TOLERANCE. Scenes are re-rendered from their seed (docs/dataset-format.md), so data/ is not needed.
 */
const BUNDLE =
  process.env.GLANCE_PARITY_BUNDLE ?? join(import.meta.dirname, '..', '..', 'public', 'models', 'glance-world-v3');
/**
 * Absolute, per heat-map cell. A cell sums one normalised saliency row per content word (values up to ~6 here);
 * measured worst difference 3.3e-6 (onnxruntime-node) and 2.8e-6 (WASM) against torch float32, so 1e-4 leaves
 * a 30x margin; reference.json rounds to 1e-7.
 */
const HEAT_TOLERANCE = 1e-4;

let reference: Reference;
beforeAll(async () => {
  reference = JSON.parse(await readFile(join(BUNDLE, 'reference.json'), 'utf8'));
});

for (const runtime of ['node', 'wasm'] as NodeRuntime[]) {
  describe(`glance-world-v3 parity with PyTorch (${runtime === 'node' ? 'onnxruntime-node' : 'onnxruntime-web WASM in Node'})`, () => {
    let node: NodeCaptioner;
    beforeAll(async () => {
      node = await loadNodeCaptioner(BUNDLE, { runtime });
    });
    afterAll(() => node?.dispose());

    it('captions every reference scene exactly as the reference, both passes, both styles', async () => {
      const seed = SPLIT_SEEDS[reference.split];
      expect(seed).toBeDefined();
      // WASM is ~2x slower here: half of the scenes keep the suite under a minute.
      const scenes = runtime === 'node' ? reference.scenes : reference.scenes.slice(0, 8);
      expect(scenes.length).toBeGreaterThanOrEqual(8);
      const { size } = node.config.image;
      let compared = 0;
      for (const scene of scenes) {
        const pixels = new Uint8Array(renderScene(sampleScene(sceneSeed(seed, scene.image_id)), size).buffer);
        for (const style of ['detailed', 'short'] as const) {
          const expected = scene[style];
          if (!expected) continue;
          const where = `${scene.file_name} (${style})`;
          const result = await node.captioner.caption({ pixels }, { style });
          expect(result.coarse.tokens, where).toEqual(expected.coarse_ids);
          expect(result.coarse.text, where).toBe(expected.coarse_text);
          expect(result.refined?.tokens, where).toEqual(expected.refined_ids);
          expect(result.refined?.text, where).toBe(expected.refined_text);
          const heat = expected.heat.flat();
          const worst = Math.max(...result.saliency.values.map((v, i) => Math.abs(v - heat[i])));
          expect(worst, where).toBeLessThan(HEAT_TOLERANCE);
          const boxes = result.regions.map((r) => [
            r.square.x,
            r.square.y,
            r.square.x + r.square.w,
            r.square.y + r.square.h,
          ]);
          expect(boxes, where).toEqual(expected.regions);
          compared++;
        }
      }
      expect(compared).toBe(scenes.length * 2);
    }, 300_000);

    it('gives the same captions without the KV cache (recomputing every step)', async () => {
      const seed = SPLIT_SEEDS[reference.split];
      for (const scene of reference.scenes.slice(0, 2)) {
        const pixels = new Uint8Array(
          renderScene(sampleScene(sceneSeed(seed, scene.image_id)), node.config.image.size).buffer,
        );
        const recomputed = await node.captioner.caption({ pixels }, { style: 'short', useCache: false });
        expect(recomputed.coarse.tokens).toEqual(scene.short?.coarse_ids);
        expect(recomputed.refined?.tokens).toEqual(scene.short?.refined_ids);
      }
    }, 300_000);
  });
}
