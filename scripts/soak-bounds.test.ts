import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, judgeSoak, type SoakSample } from './soak-bounds';

const MIB = 1024 * 1024;
const sample = (frames: number, heapMib: number, wasmMib: number, liveTensors = 0): SoakSample => ({
  frames,
  workerHeapBytes: heapMib * MIB,
  wasmMemoryBytes: wasmMib * MIB,
  liveTensors,
  gpuBuffers: 0,
});
const IDLE = { liveTensors: 0, gpuBuffers: 0, pendingJobs: 0 };
const failed = (checks: ReturnType<typeof judgeSoak>) => checks.filter((c) => !c.ok).map((c) => c.name);

describe('judgeSoak', () => {
  it('passes a flat run and reports sizes in MiB', () => {
    const checks = judgeSoak([sample(50, 4, 40, 12), sample(1000, 4.5, 40, 3), sample(2000, 5, 40)], IDLE, 0);
    expect(failed(checks)).toEqual([]);
    expect(checks[0].detail).toBe('4.00 MiB -> 5.00 MiB (+1.00 MiB; allowed +2.00 MiB)');
  });

  it('allows the larger of the share and the slack', () => {
    // 100 MiB of heap: 5 % = 5 MiB allowed, more than the 2 MiB slack.
    expect(failed(judgeSoak([sample(0, 100, 40), sample(1, 104.9, 40)], IDLE, 0))).toEqual([]);
    expect(failed(judgeSoak([sample(0, 100, 40), sample(1, 105.1, 40)], IDLE, 0))).toEqual(['worker JS heap']);
  });

  it('fails growing WASM memory, too many tensors in flight, leftovers when idle and errors', () => {
    const checks = judgeSoak(
      [sample(0, 4, 40), sample(1, 4, 40, DEFAULT_BOUNDS.maxTensorsInFlight + 1), sample(2, 4, 48)],
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

  it('fails what was not measured, and a run with fewer than two samples', () => {
    const blind = { ...sample(0, 4, 40), workerHeapBytes: null };
    expect(failed(judgeSoak([blind, blind], IDLE, 0))).toEqual(['worker JS heap']);
    expect(failed(judgeSoak([sample(0, 4, 40)], IDLE, 0))).toEqual(['samples']);
  });
});
