import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, judgeSoak, slope, type SoakSample } from './soak-bounds';

const MIB = 1024 * 1024;
const KB = 1024;
/** A sample whose renderer grows `rendererKbPerCaption` from 300 MiB at caption 0. */
const sample = (
  frames: number,
  heapMib: number,
  wasmMib: number,
  liveTensors = 0,
  rendererKbPerCaption = 0,
): SoakSample => ({
  frames,
  workerHeapBytes: heapMib * MIB,
  wasmMemoryBytes: wasmMib * MIB,
  liveTensors,
  gpuBuffers: 0,
  rendererPrivateBytes: 300 * MIB + frames * rendererKbPerCaption * KB,
});
/** Readings every 50 captions from 100 to `to`, growing as given, with +-2 MiB of alternating noise. */
const run = (to: number, kbPerCaption: number): SoakSample[] =>
  Array.from({ length: (to - 100) / 50 + 1 }, (_, i) => {
    const s = sample(100 + i * 50, 4, 40, 0, kbPerCaption);
    return { ...s, rendererPrivateBytes: s.rendererPrivateBytes! + (i % 2 ? 2 : -2) * MIB };
  });
const IDLE = { liveTensors: 0, gpuBuffers: 0, pendingJobs: 0 };
const failed = (checks: ReturnType<typeof judgeSoak>) => checks.filter((c) => !c.ok).map((c) => c.name);

/** A flat run whose first and last samples are changed as given. */
const ends = (
  first: Partial<SoakSample>,
  last: Partial<SoakSample>,
  middle: Partial<SoakSample> = {},
): SoakSample[] => {
  const samples = run(800, 0);
  const n = samples.length;
  return samples.map((s, i) => ({ ...s, ...(i === 0 ? first : i === n - 1 ? last : i === 1 ? middle : {}) }));
};

describe('judgeSoak', () => {
  it('passes a flat run and reports sizes in MiB', () => {
    const checks = judgeSoak(ends({ workerHeapBytes: 4 * MIB }, { workerHeapBytes: 5 * MIB }), IDLE, 0);
    expect(failed(checks)).toEqual([]);
    expect(checks[0].detail).toBe('4.00 MiB -> 5.00 MiB (+1.00 MiB; allowed +2.00 MiB)');
  });

  it('allows the larger of the share and the slack', () => {
    // 100 MiB of heap: 5 % = 5 MiB allowed, more than the 2 MiB slack.
    const heap = (end: number) => ends({ workerHeapBytes: 100 * MIB }, { workerHeapBytes: end * MIB });
    expect(failed(judgeSoak(heap(104.9), IDLE, 0))).toEqual([]);
    expect(failed(judgeSoak(heap(105.1), IDLE, 0))).toEqual(['worker JS heap']);
  });

  it('fails growing WASM memory, too many tensors in flight, leftovers when idle and errors', () => {
    const checks = judgeSoak(
      ends({}, { wasmMemoryBytes: 48 * MIB }, { liveTensors: DEFAULT_BOUNDS.maxTensorsInFlight + 1 }),
      { liveTensors: 2, gpuBuffers: 0, pendingJobs: 1 },
      3,
    );
    expect(failed(checks)).toEqual([
      'WASM memory',
      'tensors in flight',
      'tensors when idle',
      'jobs when idle',
      'caption errors',
    ]);
  });

  it('fails a renderer that grows like the frame cache did (~250 kB a caption), not a noisy flat one', () => {
    expect(failed(judgeSoak(run(800, 0), IDLE, 0))).toEqual([]);
    expect(failed(judgeSoak(run(800, 30), IDLE, 0))).toEqual([]);
    const leaking = judgeSoak(run(800, 250), IDLE, 0);
    expect(failed(leaking)).toEqual(['renderer memory per caption', 'renderer memory rise']);
    expect(leaking.find((c) => c.name === 'renderer memory per caption')!.detail).toMatch(
      /^250\.\d kB a caption over 700 captions .*allowed 40\.0 kB/,
    );
  });

  it('fits the renderer only over the window after the first sample, where the cache has not levelled off', () => {
    // 250 kB a caption for 700 captions, then flat for 2,000: over the whole run the slope would pass.
    const levelled = [
      ...run(800, 250),
      ...[1500, 2200, 2800].map((frames) => ({
        ...sample(frames, 4, 40),
        rendererPrivateBytes: 300 * MIB + 800 * 250 * KB,
      })),
    ];
    expect(failed(judgeSoak(levelled, IDLE, 0))).toEqual(['renderer memory per caption', 'renderer memory rise']);
  });

  it('fails a cache that fills and is purged (a sawtooth with a flat slope) by its rise', () => {
    // The 640x480 webcam's old path: +2 MiB a caption until a purge, again and again; the fit sees about nothing.
    const sawtooth = run(800, 0).map((s, i) => ({ ...s, rendererPrivateBytes: (300 + ((i + 2) % 4) * 100) * MIB }));
    const checks = judgeSoak(sawtooth, IDLE, 0);
    expect(failed(checks)).toEqual(['renderer memory rise']);
    expect(checks.find((c) => c.name === 'renderer memory rise')!.detail).toBe(
      '+300.00 MiB at most above an earlier reading (300.00 MiB to 600.00 MiB; allowed +48.00 MiB)',
    );
  });

  it('needs three renderer readings over 300 captions to judge the slope', () => {
    expect(failed(judgeSoak(run(200, 0), IDLE, 0))).toEqual(['renderer memory per caption', 'renderer memory rise']);
    const blind = run(800, 0).map((s) => ({ ...s, rendererPrivateBytes: null }));
    expect(judgeSoak(blind, IDLE, 0).find((c) => !c.ok)?.detail).toBe('0 readings; need 3');
  });

  it('slope is the least-squares fit', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBe(2);
    expect(
      slope([
        [0, 0],
        [1, 2],
        [2, 0],
        [3, 2],
      ]),
    ).toBeCloseTo(0.4);
    expect(
      slope([
        [5, 1],
        [5, 2],
      ]),
    ).toBeNull();
  });

  it('fails what was not measured, and a run with fewer than two samples', () => {
    expect(failed(judgeSoak(ends({ workerHeapBytes: null }, {}), IDLE, 0))).toEqual(['worker JS heap']);
    expect(failed(judgeSoak([sample(0, 4, 40)], IDLE, 0))).toEqual(['samples']);
  });
});
