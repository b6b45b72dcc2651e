import { describe, expect, it } from 'vitest';
import { CENTERNET_CLASSES } from '../real/centernet-decode';
import { FakeBackend } from '../testing/fake-backend';
import { detectorFinder } from './detector-finder';

/** A CenterNet stand-in on a 64 px input (16 x 16 cells): fixed peaks, each box 8 px from its cell's corner. */
function fakeDetector(peaks: { cellX: number; cellY: number; classId: number; score: number }[]) {
  const grid = 16;
  return new FakeBackend({
    detector: {
      inputs: ['images'],
      outputs: ['heatmap', 'wh'],
      run: () => {
        const heatmap = new Float32Array(grid * grid * CENTERNET_CLASSES);
        const wh = new Float32Array(grid * grid * 4).fill(8);
        for (const p of peaks) heatmap[(p.cellY * grid + p.cellX) * CENTERNET_CLASSES + p.classId] = p.score;
        return {
          heatmap: { type: 'float32', data: heatmap, dims: [1, grid, grid, CENTERNET_CLASSES] },
          wh: { type: 'float32', data: wh, dims: [1, grid, grid, 4] },
        };
      },
    },
  });
}

describe('detectorFinder', () => {
  it('runs the detector on the letterboxed frame and gives its objects in frame pixels, as the real-world glance', async () => {
    const backend = fakeDetector([
      { cellX: 8, cellY: 8, classId: 17, score: 0.9 },
      { cellX: 2, cellY: 6, classId: 0, score: 0.2 },
    ]);
    const find = detectorFinder(backend, { inputSize: 64 });
    // 128 x 64 RGBA: letterboxed into 64 x 64 at scale 0.5, with 16 px bars above and below.
    const frame = { data: new Uint8Array(128 * 64 * 4).fill(90), width: 128, height: 64 };
    const objects = await find(frame);
    expect(backend.calls.map((c) => c.feedDims)).toEqual([{ images: [1, 64, 64, 3] }]);
    // The peak's box is input (24, 24)-(40, 40): frame (48, 16), 32 x 32. The 0.2 peak is under the threshold.
    expect(objects).toEqual([{ x: 48, y: 16, w: 32, h: 32, score: expect.closeTo(0.9, 6), label: 'horse' }]);
    expect(backend.live.size).toBe(0);
  });

  it('refuses a backend without the contract detector part (a broken file)', () => {
    const backend = new FakeBackend({ detector: { inputs: ['x'], outputs: ['y'], run: () => ({}) } });
    expect(() => detectorFinder(backend, { inputSize: 64 })).toThrow(/detector\.onnx: missing 'images'/);
    expect(() => detectorFinder(new FakeBackend({}), { inputSize: 64 })).toThrow(/not loaded/);
  });
});
