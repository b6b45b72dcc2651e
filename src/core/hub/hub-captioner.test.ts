import { describe, expect, it } from 'vitest';
import type { CaptionText } from '../caption-types';
import { throwIfCancelled } from '../decode/cancel';
import { fitGeometry } from '../image/fit';
import { CancelledError } from '../errors';
import {
  createHubCaptioner,
  cropRgb,
  type HubCaptionModel,
  type HubRegionFinder,
  type RgbImage,
} from './hub-captioner';
import type { FoundObject } from './look-regions';

/** A stand-in model that names the picture's strongest colour, word by word, and counts what it was given. */
function colourModel() {
  const batches: RgbImage[][] = [];
  const model: HubCaptionModel = {
    async caption(images, { onPiece, cancel }) {
      batches.push([...images]);
      return images.map((image, index): CaptionText => {
        const sums = [0, 0, 0];
        for (let i = 0; i < image.data.length; i += 3) for (let c = 0; c < 3; c++) sums[c] += image.data[i + c];
        const colour = ['red', 'green', 'blue'][sums.indexOf(Math.max(...sums))];
        const words = ['a', ' photo', ' of', ' something', ` ${colour}`, '.'];
        if (index === 0) {
          for (const [i, word] of words.entries()) {
            throwIfCancelled(cancel, 'decoding');
            onPiece?.(word, i);
          }
        }
        return { text: words.join(''), tokens: words.map((_, i) => i), stopReason: 'eos' };
      });
    },
  };
  return { model, batches };
}

/** 400x300 red with a 120x120 blue square at (260, 20): most of a crop around it is blue. */
function redWithBlue(): Uint8Array {
  const pixels = new Uint8Array(400 * 300 * 4);
  for (let y = 0; y < 300; y++) {
    for (let x = 0; x < 400; x++) {
      const blue = x >= 260 && x < 380 && y >= 20 && y < 140;
      pixels.set(blue ? [10, 20, 230, 255] : [210, 30, 20, 255], (y * 400 + x) * 4);
    }
  }
  return pixels;
}

describe('createHubCaptioner', () => {
  it('captions the frame, looks again where the picture differs, and adds what the crops name', async () => {
    const { model, batches } = colourModel();
    const engine = createHubCaptioner(model, { modelType: 'vision-encoder-decoder', backendName: 'wasm' });
    const pieces: string[] = [];
    const stages: string[] = [];
    const result = await engine.caption(
      { pixels: redWithBlue(), width: 400, height: 300 },
      { k: 2 },
      {
        onToken: (pass, text) => pass === 'coarse' && pieces.push(text),
        onStage: (stage) => stages.push(stage),
      },
    );
    expect(result.coarse.text).toBe('a photo of something red.');
    expect(pieces.join('')).toBe(result.coarse.text);
    expect(result.refined?.text).toBe('a photo of something red. Closer: something blue.');
    expect(stages).toEqual(['preprocess', 'encode', 'pass1', 'saliency', 'regions', 'lookAgain', 'pass2', 'done']);
    // One batch for the glance, one for every crop together.
    expect(batches.map((b) => b.length)).toEqual([1, 2]);
    const first = result.regions[0];
    expect(first.x).toBeLessThanOrEqual(320);
    expect(first.x + first.w).toBeGreaterThanOrEqual(320);
    expect(first.y).toBeLessThanOrEqual(80);
    expect(first.y + first.h).toBeGreaterThanOrEqual(80);
  });

  it('reports boxes in the original frame when the worker downscaled it', async () => {
    const { model } = colourModel();
    const engine = createHubCaptioner(model, { modelType: 'vision-encoder-decoder', backendName: 'wasm' });
    const geometry = fitGeometry(800, 600, 384, 'letterbox');
    const result = await engine.caption({ pixels: redWithBlue(), width: 400, height: 300, geometry }, { k: 1 });
    expect(result.regions[0].x).toBeGreaterThan(400);
    expect(result.regions[0].x + result.regions[0].w).toBeLessThanOrEqual(800);
  });

  it('skips the look without refine, and stops when cancelled', async () => {
    const { model, batches } = colourModel();
    const engine = createHubCaptioner(model, { modelType: 'vision-encoder-decoder', backendName: 'wasm' });
    const plain = await engine.caption({ pixels: redWithBlue(), width: 400, height: 300 }, { refine: false });
    expect(plain.refined).toBeUndefined();
    expect(batches).toHaveLength(1);
    let calls = 0;
    await expect(
      engine.caption({ pixels: redWithBlue(), width: 400, height: 300 }, {}, { isCancelled: () => ++calls > 4 }),
    ).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('crops whole pixels inside the frame', () => {
    const frame = { data: Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i), width: 4, height: 3 };
    const crop = cropRgb(frame, { x: 2.5, y: 1, w: 5, h: 1 });
    expect(crop).toEqual({ data: Uint8Array.from([18, 19, 20, 21, 22, 23]), width: 2, height: 1 });
  });

  it('Florence-2 style: grounds the coarse caption, skips a box of the whole frame, captions the rest', async () => {
    const { model, batches } = colourModel();
    const grounded: string[] = [];
    model.ground = async (image, text) => {
      grounded.push(text);
      expect([image.width, image.height]).toEqual([400, 300]);
      return [
        { phrase: 'something red', x: 0, y: 0, w: 400, h: 300 },
        { phrase: 'something blue', x: 260, y: 20, w: 120, h: 120 },
      ];
    };
    const engine = createHubCaptioner(model, { modelType: 'florence2', backendName: 'wasm' });
    const stages: string[] = [];
    const result = await engine.caption(
      { pixels: redWithBlue(), width: 400, height: 300 },
      { k: 3 },
      { onStage: (stage) => stages.push(stage) },
    );
    expect(grounded).toEqual(['a photo of something red.']);
    expect(result.regions.map(({ x, y, w, h }) => ({ x, y, w, h }))).toEqual([{ x: 260, y: 20, w: 120, h: 120 }]);
    expect(result.regions[0].score).toBe(1);
    // The heat map is the grounded box: every painted cell lies inside it, and the map sums to 1.
    const { grid, values } = result.saliency;
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const geometry = fitGeometry(400, 300, 384, 'letterbox');
    const square = result.regions[0].square;
    values.forEach((v, i) => {
      if (v === 0) return;
      const cell = geometry.size / grid;
      const [col, row] = [i % grid, Math.floor(i / grid)];
      expect((col + 1) * cell).toBeGreaterThan(square.x);
      expect(col * cell).toBeLessThan(square.x + square.w);
      expect((row + 1) * cell).toBeGreaterThan(square.y);
      expect(row * cell).toBeLessThan(square.y + square.h);
    });
    expect(batches.map((b) => b.map((image) => [image.width, image.height]))).toEqual([[[400, 300]], [[120, 120]]]);
    expect(result.refined?.text).toBe('a photo of something red. Closer: something blue.');
    expect(stages).toEqual(['preprocess', 'encode', 'pass1', 'saliency', 'regions', 'lookAgain', 'pass2', 'done']);
  });

  it('Florence-2 style: nothing grounded leaves the coarse caption as it is', async () => {
    const { model, batches } = colourModel();
    model.ground = async () => [];
    const engine = createHubCaptioner(model, { modelType: 'florence2', backendName: 'wasm' });
    const result = await engine.caption({ pixels: redWithBlue(), width: 400, height: 300 });
    expect(result.regions).toEqual([]);
    expect(result.refined?.text).toBe(result.coarse.text);
    expect(batches).toHaveLength(1);
  });

  it('Florence-2 style: a coarse-only caption does not ground (one generate call), and still shows regions', async () => {
    const { model, batches } = colourModel();
    let groundings = 0;
    model.ground = async () => {
      groundings++;
      return [{ phrase: 'something blue', x: 260, y: 20, w: 120, h: 120 }];
    };
    const engine = createHubCaptioner(model, { modelType: 'florence2', backendName: 'wasm' });
    const result = await engine.caption({ pixels: redWithBlue(), width: 400, height: 300 }, { refine: false });
    expect(groundings).toBe(0);
    expect(batches).toHaveLength(1);
    expect(result.refined).toBeUndefined();
    expect(result.regions.length).toBeGreaterThan(0);
  });

  it('instruction VLM style: one prompt with the frame, the coarse caption and the close-ups, streamed', async () => {
    const { model, batches } = colourModel();
    const asked: { frame: number[]; closeUps: number[][]; coarse: string; style: string }[] = [];
    model.describeWithCloseUps = async (frame, closeUps, coarse, { style, onPiece }) => {
      asked.push({
        frame: [frame.width, frame.height],
        closeUps: closeUps.map((c) => [c.width, c.height]),
        coarse,
        style,
      });
      const words = ['a', ' photo', ' of', ' something', ' red', ' and', ' something', ' blue.'];
      words.forEach((w, i) => onPiece?.(w, i));
      return { text: words.join(''), tokens: words.map((_, i) => i), stopReason: 'eos' };
    };
    const engine = createHubCaptioner(model, { modelType: 'smolvlm', backendName: 'wasm' });
    const refinedPieces: string[] = [];
    const result = await engine.caption(
      { pixels: redWithBlue(), width: 400, height: 300 },
      { k: 2, style: 'short' },
      { onToken: (pass, text) => pass === 'refined' && refinedPieces.push(text) },
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ frame: [400, 300], coarse: 'a photo of something red.', style: 'short' });
    expect(asked[0].closeUps).toHaveLength(2);
    // Crops are not captioned one by one: the only caption batch is the glance.
    expect(batches).toHaveLength(1);
    expect(result.refined?.text).toBe('a photo of something red and something blue.');
    expect(refinedPieces.join('')).toBe(result.refined?.text);
  });
});

/** A stand-in for the real-world detector: gives `objects` (frame pixels) and records the frames it saw. */
function stubFinder(objects: FoundObject[] | (() => never)) {
  const frames: [number, number][] = [];
  const find: HubRegionFinder = async (frame) => {
    frames.push([frame.width, frame.height]);
    return typeof objects === 'function' ? objects() : objects;
  };
  return { find, frames };
}

describe('createHubCaptioner with the detector as region finder', () => {
  const frame = () => ({ pixels: redWithBlue(), width: 400, height: 300 });
  // Grown by a quarter of its side each way, its crop is the blue square exactly (260, 20, 120, 120).
  const blueObject: FoundObject = { x: 280, y: 40, w: 80, h: 80, score: 0.8, label: 'kite' };

  it('looks at what the detector found, in a crop with context, and combines as before', async () => {
    const { model, batches } = colourModel();
    const { find, frames } = stubFinder([blueObject, { x: 0, y: 200, w: 60, h: 60, score: 0.4, label: 'cup' }]);
    const engine = createHubCaptioner(model, {
      modelType: 'vision-encoder-decoder',
      backendName: 'wasm',
      findRegions: find,
    });
    const result = await engine.caption(frame(), { k: 3 });
    expect(frames).toEqual([[400, 300]]);
    expect(result.regions.map((r) => r.source)).toEqual(['detector', 'detector']);
    const [first] = result.regions;
    // The blue object's crop: the box and a quarter of its side of context around it, square.
    expect([first.x, first.y, first.w, first.h]).toEqual([260, 20, 120, 120]);
    // The cup's: at least 96 px, shifted inside the frame.
    expect(result.regions[1]).toMatchObject({ x: 0, y: 182, w: 96, h: 96 });
    expect(batches.map((b) => b.map((image) => [image.width, image.height]))).toEqual([
      [[400, 300]],
      [
        [120, 120],
        [96, 96],
      ],
    ]);
    expect(result.refined?.text).toBe('a photo of something red. Closer: something blue.');
    expect(result.saliency.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('reports the detected regions in the original frame when the worker downscaled it', async () => {
    const { model } = colourModel();
    const engine = createHubCaptioner(model, {
      modelType: 'vision-encoder-decoder',
      backendName: 'wasm',
      findRegions: stubFinder([blueObject]).find,
    });
    const geometry = fitGeometry(800, 600, 384, 'letterbox');
    const result = await engine.caption({ ...frame(), geometry }, { k: 1 });
    expect(result.regions[0]).toMatchObject({ x: 520, y: 40, w: 240, h: 240, source: 'detector' });
  });

  it('falls back to the colour-contrast regions when the detector finds nothing, exactly as without it', async () => {
    const without = await createHubCaptioner(colourModel().model, {
      modelType: 'vision-encoder-decoder',
      backendName: 'wasm',
    }).caption(frame());
    const { find, frames } = stubFinder([{ x: 0, y: 0, w: 400, h: 290, score: 0.9, label: 'bed' }]);
    const errors: unknown[] = [];
    const result = await createHubCaptioner(colourModel().model, {
      modelType: 'vision-encoder-decoder',
      backendName: 'wasm',
      findRegions: find,
      onFinderError: (error) => errors.push(error),
    }).caption(frame());
    expect(frames).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(result.regions.length).toBeGreaterThan(0);
    expect(result.regions.every((r) => r.source === 'colour contrast')).toBe(true);
    expect(result.regions).toEqual(without.regions);
    expect(result.saliency).toEqual(without.saliency);
    expect(result.refined?.text).toBe(without.refined?.text);
  });

  it('falls back to the colour-contrast regions when the detector fails, and says so', async () => {
    const { find } = stubFinder(() => {
      throw new Error('detector: session broken');
    });
    const errors: unknown[] = [];
    const result = await createHubCaptioner(colourModel().model, {
      modelType: 'vision-encoder-decoder',
      backendName: 'wasm',
      findRegions: find,
      onFinderError: (error) => errors.push(error),
    }).caption(frame());
    expect(errors.map((e) => (e as Error).message)).toEqual(['detector: session broken']);
    expect(result.regions.every((r) => r.source === 'colour contrast')).toBe(true);
    expect(result.refined?.text).toBe('a photo of something red. Closer: something blue.');
  });

  it('a job cancelled while the detector runs stops', async () => {
    let cancelled = false;
    const find: HubRegionFinder = async () => {
      cancelled = true;
      return [blueObject];
    };
    const engine = createHubCaptioner(colourModel().model, {
      modelType: 'vision-encoder-decoder',
      backendName: 'wasm',
      findRegions: find,
    });
    await expect(engine.caption(frame(), {}, { isCancelled: () => cancelled })).rejects.toBeInstanceOf(CancelledError);
  });

  it('gives the close-ups of an instruction VLM too; a coarse-only caption reads the pixels (no detector run)', async () => {
    const { model } = colourModel();
    const closeUps: number[][][] = [];
    model.describeWithCloseUps = async (_frame, crops) => {
      closeUps.push(crops.map((c) => [c.width, c.height]));
      return { text: 'something blue.', tokens: [], stopReason: 'eos' };
    };
    const { find, frames } = stubFinder([blueObject]);
    const engine = createHubCaptioner(model, { modelType: 'idefics3', backendName: 'wasm', findRegions: find });
    const coarseOnly = await engine.caption(frame(), { refine: false });
    expect(frames).toEqual([]);
    expect(coarseOnly.regions.length).toBeGreaterThan(0);
    expect(coarseOnly.regions.every((r) => r.source === 'colour contrast')).toBe(true);
    const refined = await engine.caption(frame());
    expect(frames).toHaveLength(1);
    expect(refined.regions.map((r) => r.source)).toEqual(['detector']);
    expect(closeUps).toEqual([[[120, 120]]]);
  });

  it('Florence-2 keeps its grounding: the finder is not asked', async () => {
    const { model } = colourModel();
    model.ground = async () => [{ phrase: 'something blue', x: 260, y: 20, w: 120, h: 120 }];
    const { find, frames } = stubFinder([{ x: 0, y: 200, w: 60, h: 60, score: 0.9, label: 'cup' }]);
    const engine = createHubCaptioner(model, { modelType: 'florence2', backendName: 'wasm', findRegions: find });
    const result = await engine.caption(frame());
    expect(frames).toEqual([]);
    expect(result.regions.map((r) => [r.x, r.y, r.w, r.h, r.source])).toEqual([[260, 20, 120, 120, 'grounding']]);
  });
});
