/**
 * The soak's verdicts (scripts/soak.ts, docs/reliability.md): what the captioner worker may hold after a long
 * live run compared with what it held once warmed up. Pure, so the bounds are tested on their own.
 */

/** One reading of the worker during the run (after a garbage collection). */
export interface SoakSample {
  /** Captions finished when the sample was taken. */
  frames: number;
  /** The worker's JS heap in use, bytes (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage). */
  workerHeapBytes: number | null;
  /** ORT's WebAssembly memory, bytes (info().resources). */
  wasmMemoryBytes: number | null;
  /** ORT tensors not yet released; a caption in flight holds some. */
  liveTensors: number;
  gpuBuffers: number;
}

/** How much the worker may grow between the first sample after warm-up and the last. */
export interface SoakBounds {
  /** JS heap growth allowed: the larger of this share of the start and `heapSlackBytes`. */
  heapShare: number;
  heapSlackBytes: number;
  /** WebAssembly memory growth allowed, the same way (it never shrinks, so any leak shows). */
  wasmShare: number;
  wasmSlackBytes: number;
  /** Tensors one caption may hold at once (a sample can land mid-caption); more means a leak. */
  maxTensorsInFlight: number;
}

const MIB = 1024 * 1024;

/**
 * 5 % or 2 MiB of JS heap (a worker's heap is a few MiB, and V8 keeps some slack per GC cycle); 5 % or 4 MiB of
 * WASM memory (one extra arena chunk of ORT's allocator); the tiny and world models hold at most a few dozen
 * tensors mid-caption (KV cache: 2 per layer, plus inputs and outputs of the step).
 */
export const DEFAULT_BOUNDS: SoakBounds = {
  heapShare: 0.05,
  heapSlackBytes: 2 * MIB,
  wasmShare: 0.05,
  wasmSlackBytes: 4 * MIB,
  maxTensorsInFlight: 64,
};

/** One check and its outcome. */
export interface SoakCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(2)} MiB`;

function growthCheck(name: string, start: number | null, end: number | null, share: number, slack: number): SoakCheck {
  if (start === null || end === null) return { name, ok: false, detail: 'not measured' };
  const allowed = Math.max(start * share, slack);
  const growth = end - start;
  return {
    name,
    ok: growth <= allowed,
    detail: `${mib(start)} -> ${mib(end)} (${growth >= 0 ? '+' : ''}${mib(growth)}; allowed +${mib(allowed)})`,
  };
}

/**
 * Judges a run: `samples` from the first after warm-up to the last, `idle` read after the live view stopped and
 * the worker had no job, `errors` the captions that failed.
 */
export function judgeSoak(
  samples: readonly SoakSample[],
  idle: { liveTensors: number; gpuBuffers: number; pendingJobs: number },
  errors: number,
  bounds: SoakBounds = DEFAULT_BOUNDS,
): SoakCheck[] {
  if (samples.length < 2) return [{ name: 'samples', ok: false, detail: `${samples.length} samples; need 2` }];
  const first = samples[0];
  const last = samples[samples.length - 1];
  const peak = Math.max(...samples.map((s) => s.liveTensors));
  return [
    growthCheck('worker JS heap', first.workerHeapBytes, last.workerHeapBytes, bounds.heapShare, bounds.heapSlackBytes),
    growthCheck('WASM memory', first.wasmMemoryBytes, last.wasmMemoryBytes, bounds.wasmShare, bounds.wasmSlackBytes),
    {
      name: 'tensors in flight',
      ok: peak <= bounds.maxTensorsInFlight,
      detail: `at most ${peak} in a sample (allowed ${bounds.maxTensorsInFlight})`,
    },
    {
      name: 'tensors when idle',
      ok: idle.liveTensors === 0 && idle.gpuBuffers === 0,
      detail: `${idle.liveTensors} tensors, ${idle.gpuBuffers} GPU buffers`,
    },
    { name: 'jobs when idle', ok: idle.pendingJobs === 0, detail: `${idle.pendingJobs} pending` },
    { name: 'caption errors', ok: errors === 0, detail: `${errors}` },
  ];
}
