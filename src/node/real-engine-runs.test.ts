import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFiles } from '../core/bundle/loader';
import { resolveBundleUrl } from '../core/bundle/resolve-url';
import type { CaptionInput, CaptionResult } from '../core/caption-types';
import { createEngine } from '../core/create-engine';
import type { CaptionEngine } from '../core/engine';
import { decodeImage } from './decode-image';
import { fileFetch } from './file-fetch';
import { createNodeBackend } from './load-captioner';
import type { OrtBackend } from '../ort/ort-backend';

// Made by `npm run models:real` and `npm run photos:real`, the first stage of `npm test`.
const BUNDLE = 'public/models/glance-real-v1';
const PHOTO = '.cache/real-photos/photos/kite.jpg';

/** The real-world engine over onnxruntime-node, counting its parts' runs (a glance of one or two views, one detector run per fresh look). */
describe('real-world engine: what it runs', () => {
  let engine: CaptionEngine;
  let backend: OrtBackend;
  let detectorRuns = 0;
  /** Every run: the part and its input's dims. */
  const ran: string[] = [];
  let frame: CaptionInput;

  beforeAll(async () => {
    for (const path of [BUNDLE, PHOTO]) {
      if (!existsSync(path)) throw new Error(`${path} is missing: run npm run models:real && npm run photos:real`);
    }
    const files = await loadModelFiles(resolveBundleUrl(pathToFileURL(resolve(BUNDLE)).href), { fetch: fileFetch });
    backend = await createNodeBackend(files.parts, { runtime: 'node', threads: 1 });
    const run = backend.run.bind(backend);
    backend.run = (part, feeds) => {
      if (part === 'detector') detectorRuns++;
      ran.push(`${part} ${Object.values(feeds).map((t) => t.dims.join('x'))}`);
      return run(part, feeds);
    };
    engine = createEngine(files, backend);
    const image = decodeImage(readFileSync(PHOTO), 'kite.jpg');
    frame = { pixels: image.data, width: image.width, height: image.height };
  }, 60_000);
  afterAll(() => backend?.close());

  async function counted(input: CaptionInput, stream?: string): Promise<{ result: CaptionResult; runs: number }> {
    const before = detectorRuns;
    const result = await engine.caption(input, { style: 'detailed', ...(stream ? { stream } : {}) });
    return { result, runs: detectorRuns - before };
  }

  it('warms up on the CPU with one small detector run and no person part', async () => {
    ran.length = 0;
    await engine.warmUp();
    expect(ran).toEqual(['detector 1x64x64x3']);
  });

  it('looks again only at what changed: a still scene in a stream reaches the still image’s captions by its third frame, then costs the glance alone', async () => {
    // A still image: the glance in two views (the frame and its mirror image), then one run per region.
    const alone = await counted(frame);
    expect(alone.result.regions.length).toBeGreaterThan(0);
    expect(alone.runs).toBe(2 + alone.result.regions.length);

    // A stream's frame: one view. The second frame is glanced at mirrored and, the picture being the same, combined
    // with the first's view: the still image's two-view glance, of which a hedged object new to the stream is said
    // from the next frame on (stream-tracks.ts), so the third frame's captions are the still image's. From then on
    // the views alternate over the same picture, the glance stays the same, and every look is reused: the glance
    // alone.
    const first = await counted(frame, 'live-a');
    expect(first.result.regions.length).toBeGreaterThan(0);
    expect(first.runs).toBe(1 + first.result.regions.length);
    await counted(frame, 'live-a');
    const third = await counted(frame, 'live-a');
    expect(third.result.coarse.text).toBe(alone.result.coarse.text);
    expect(third.result.refined?.text).toBe(alone.result.refined?.text);
    expect(third.result.regions).toEqual(alone.result.regions);
    for (const n of [4, 5]) {
      const again = await counted(frame, 'live-a');
      expect(again.runs, `frame ${n}`).toBe(1);
      expect(again.result.refined?.text, `frame ${n}`).toBe(alone.result.refined?.text);
      expect(again.result.regions, `frame ${n}`).toEqual(alone.result.regions);
    }

    // Another stream, or a frame outside any stream, never borrows live-a's looks.
    expect((await counted(frame, 'live-b')).runs).toBe(1 + first.result.regions.length);
    expect((await counted(frame)).runs).toBe(2 + alone.result.regions.length);
  });

  it('looks afresh when the picture brightens (auto exposure), though the glance may see the same things', async () => {
    await counted(frame, 'live-c');
    const pixels = Uint8Array.from(frame.pixels, (v, i) => (i % 4 === 3 ? v : Math.min(255, v + 30)));
    const brighter = await counted({ ...frame, pixels }, 'live-c');
    expect(brighter.runs).toBe(1 + brighter.result.regions.length);
  });
});
