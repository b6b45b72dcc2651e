/**
 * The soak's verdicts (scripts/soak.ts, docs/reliability.md): what the captioner worker may hold after a long
 * live run compared with what it held once warmed up, and how fast the page's renderer grows per caption. Pure, so
 * the bounds are tested on their own.
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
  /**
   * Private memory of the page's renderer processes (/proc smaps_rollup), which hold the page, the worker, ORT's
   * WASM memory and Chromium's image caches; null where /proc cannot be read.
   */
  rendererPrivateBytes: number | null;
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
  /** The renderer's growth allowed per caption: the least-squares slope over the fitted samples, bytes. */
  rendererBytesPerCaption: number;
  /**
   * Only samples this many captions after the first are fitted: Chromium's image cache stops growing near 1,000
   * entries, so a longer window would flatten a leak's slope.
   */
  rendererWindowCaptions: number;
  /** The fitted samples must span at least this many captions for the slope to mean anything. */
  rendererMinSpanCaptions: number;
  /**
   * The most the renderer may rise within the window above its lowest earlier reading: a cache that fills and is
   * purged (a sawtooth, as the 640x480 webcam's frames did) can fit a flat slope but not a small rise.
   */
  rendererRiseBytes: number;
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
  rendererBytesPerCaption: 40 * 1024,
  rendererWindowCaptions: 800,
  rendererMinSpanCaptions: 300,
  rendererRiseBytes: 48 * MIB,
};

/** One check and its outcome. */
export interface SoakCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(2)} MiB`;

/** The least-squares slope of y over x; null for fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) * (x - mx);
    sxy += (x - mx) * (y - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** The renderer's readings in the window after the first sample (the warm-up is not sampled), as [captions, bytes]. */
function rendererReadings(samples: readonly SoakSample[], bounds: SoakBounds): (readonly [number, number])[] {
  const start = samples[0].frames;
  return samples
    .filter((s) => s.frames - start <= bounds.rendererWindowCaptions)
    .flatMap((s) => (s.rendererPrivateBytes === null ? [] : [[s.frames, s.rendererPrivateBytes] as const]));
}

/** Why the readings cannot be judged, or null when they can. */
function unjudgeable(points: readonly (readonly [number, number])[], bounds: SoakBounds): string | null {
  if (points.length < 3) return `${points.length} readings; need 3`;
  const span = points[points.length - 1][0] - points[0][0];
  return span < bounds.rendererMinSpanCaptions
    ? `readings span ${span} captions; need ${bounds.rendererMinSpanCaptions}`
    : null;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

function rendererChecks(samples: readonly SoakSample[], bounds: SoakBounds): SoakCheck[] {
  const points = rendererReadings(samples, bounds);
  const why = unjudgeable(points, bounds);
  if (why) {
    return [
      { name: 'renderer memory per caption', ok: false, detail: why },
      { name: 'renderer memory rise', ok: false, detail: why },
    ];
  }
  const perCaption = slope(points)!;
  const span = points[points.length - 1][0] - points[0][0];
  let lowest = points[0][1];
  let rise = 0;
  for (const [, bytes] of points) {
    rise = Math.max(rise, bytes - lowest);
    lowest = Math.min(lowest, bytes);
  }
  const range = `${mib(Math.min(...points.map((p) => p[1])))} to ${mib(Math.max(...points.map((p) => p[1])))}`;
  return [
    {
      name: 'renderer memory per caption',
      ok: perCaption <= bounds.rendererBytesPerCaption,
      detail:
        `${kb(perCaption)} a caption over ${span} captions (${mib(points[0][1])} -> ${mib(points[points.length - 1][1])}` +
        `; allowed ${kb(bounds.rendererBytesPerCaption)})`,
    },
    {
      name: 'renderer memory rise',
      ok: rise <= bounds.rendererRiseBytes,
      detail: `+${mib(rise)} at most above an earlier reading (${range}; allowed +${mib(bounds.rendererRiseBytes)})`,
    },
  ];
}

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
    ...rendererChecks(samples, bounds),
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
