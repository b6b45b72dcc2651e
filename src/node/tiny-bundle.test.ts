import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptioner } from '../core/captioner';
import { type NodeCaptioner, type NodeRuntime, captionFiles, loadNodeCaptioner } from './load-captioner';
import { countingBackend } from './testing/counting-backend';
import type { ReferenceItem, TinyReferenceFile } from './testing/reference-file';

/**
 * The real ONNX path on a tiny random-weight bundle written by __fixtures__/make-tiny-bundle.py, against
 * reference captions from training/infer.py (PyTorch) on the same weights: the parity contract in miniature.
 */
const FIXTURES = join(import.meta.dirname, '__fixtures__');
const BUNDLE = join(FIXTURES, 'tiny-bundle');
/** Heat maps are sums of softmax rows; torch and onnxruntime differ by float32 rounding (~1e-6). */
const HEAT_TOLERANCE = 1e-4;

let reference: ReferenceItem[];
beforeAll(async () => {
  reference = (JSON.parse(await readFile(join(BUNDLE, 'reference.json'), 'utf8')) as TinyReferenceFile).items;
});

for (const runtime of ['node', 'wasm'] as NodeRuntime[]) {
  describe(`tiny bundle on ${runtime === 'node' ? 'onnxruntime-node' : 'onnxruntime-web WASM in Node'}`, () => {
    let node: NodeCaptioner;
    beforeAll(async () => {
      node = await loadNodeCaptioner(BUNDLE, { runtime });
    });
    afterAll(() => node?.dispose());

    it('reports the backend that ran', () => {
      expect(node.captioner.backendName).toBe(runtime === 'node' ? 'cpu' : 'wasm');
    });

    it('matches the PyTorch reference token for token, with heat maps and regions', async () => {
      expect(reference.length).toBeGreaterThanOrEqual(8);
      for (const item of reference) {
        const bytes = new Uint8Array(await readFile(join(FIXTURES, item.image)));
        const result = await node.captionImage(bytes, item.image, { style: item.style });
        const where = `${item.image} (${item.style})`;
        expect(result.coarse.tokens, where).toEqual(item.coarse_ids);
        expect(result.refined?.tokens, where).toEqual(item.refined_ids);
        expect(result.coarse.text, where).toBe(item.coarse);
        expect(result.refined?.text, where).toBe(item.refined);
        const worst = Math.max(...result.saliency.values.map((v, i) => Math.abs(v - item.heat[i])));
        expect(worst, where).toBeLessThan(HEAT_TOLERANCE);
        expect(
          result.regions.map((r) => [r.square.x, r.square.y]),
          where,
        ).toEqual(item.corners);
      }
    });
  });
}

describe('tiny bundle engine checks (onnxruntime-node)', () => {
  let node: NodeCaptioner;
  beforeAll(async () => {
    node = await loadNodeCaptioner(BUNDLE);
  });
  afterAll(() => node?.dispose());

  it('gives the same captions without the KV cache', async () => {
    for (const name of ['scene-0.png', 'scene-2.png']) {
      const bytes = new Uint8Array(await readFile(join(FIXTURES, 'images', name)));
      const cached = await node.captionImage(bytes, name);
      const recomputed = await node.captionImage(bytes, name, { useCache: false });
      expect(recomputed.coarse.tokens).toEqual(cached.coarse.tokens);
      expect(recomputed.refined?.tokens).toEqual(cached.refined?.tokens);
    }
  });

  it('releases every tensor of a real run, beam search included', async () => {
    const backend = countingBackend(node.backend);
    const captioner = createCaptioner(backend, { config: node.config, tokenizer: node.tokenizer });
    const pixels = new Uint8Array(32 * 32 * 4).fill(90);
    const greedy = await captioner.caption({ pixels });
    expect(backend.live()).toBe(0);
    const beam = await captioner.caption({ pixels }, { numBeams: 3 });
    expect(backend.live()).toBe(0);
    expect(beam.coarse.tokens.length).toBeGreaterThan(0);
    expect(greedy.coarse.tokens.length).toBeGreaterThan(0);
  });

  it('decodes JPEG and non-square PNG frames and maps regions into them', async () => {
    const files = ['blue.jpg', 'wide.png'].map((f) => join(FIXTURES, 'images', f));
    const results = await captionFiles(BUNDLE, files, { refine: false });
    const wide = results[1].result;
    for (const region of wide.regions) {
      // centre-crop of 48x32 starts at x = 8: frame boxes are the square boxes shifted right by 8
      expect(region.x).toBe(region.square.x + 8);
      expect(region.y).toBe(region.square.y);
    }
    expect(results[0].result.coarse.tokens.length).toBeGreaterThan(0);
  });
});
