/**
 * What `npm run bench` measures (the raw samples its drivers collect) and the report it writes. Plain data:
 * the JSON report is this, serialised.
 */
import type { CaptionStyle } from '../core/bundle/config';
import type { Summary } from './stats';
import type { TargetResult } from './targets';
import type { HubMeasurements, HubReport } from './hub-types';
import type { VideoMeasurements, VideoReport } from './video-types';

/** Where a caption ran: onnxruntime-node natively, or the app's worker in headless Chromium. */
export type BenchRuntime = 'native' | 'wasm' | 'webgpu';

/**
 * Which shipped model a figure belongs to: the scene-world model (`--model`, the learned two-pass captioner of
 * issue 8) or the real-world model (`--real-model`, glance-real-v1, the detector-based captioner of issue 14).
 */
export type BenchModel = 'world' | 'real';

/** The engine's stages (src/core StageTimings without `total`). */
export const STAGES = ['preprocess', 'encode', 'pass1', 'saliency', 'regions', 'lookAgain', 'pass2'] as const;
export type StageName = (typeof STAGES)[number];

/** One timed caption. */
export interface CaptionSample {
  /** Fit to the model square plus the engine's work, ms (the worker's `timings.total`, or the same in Node). */
  totalMs: number;
  stages: Record<StageName, number>;
  /** Browser only: call to result as the page sees it (frame transfer and messaging included), ms. */
  roundTripMs?: number;
  coarseTokens: number;
  /** null without refinement. */
  refinedTokens: number | null;
  /** Index of the input image, to compare cases on the same images. */
  image?: number;
  /** Of preprocess: fitting the frame to the model square (canvas in the worker, JS resampling in Node). */
  fitMs?: number;
}

/** One configuration and its samples. */
export interface CaptionCase {
  /** Absent: 'world' (reports written before the real-world model was benched). */
  model?: BenchModel;
  runtime: BenchRuntime;
  style: CaptionStyle;
  refine: boolean;
  /** false: every decoding step recomputes the whole sequence (the KV-cache comparison). */
  useCache: boolean;
  /** false: pass 2 decoded one token a call, not drafted from the coarse caption. Absent: the captioner's default. */
  draft?: boolean;
  /** true: captioned as a live stream's frame (a new stream each caption). Absent: as a still image. */
  stream?: boolean;
  /** Threads: ORT intra-op threads (native) or the WASM threads the worker reported. */
  threads: number | null;
  samples: CaptionSample[];
}

/** A case as reported: medians and p95 instead of samples. */
export interface CaseReport {
  key: string;
  model: BenchModel;
  runtime: BenchRuntime;
  style: CaptionStyle;
  refine: boolean;
  useCache: boolean;
  draft?: boolean;
  stream?: boolean;
  threads: number | null;
  total: Summary | null;
  /** Total without fitting the frame: the engine's own work, what browser / native compares. */
  engine: Summary | null;
  roundTrip: Summary | null;
  /** Median of each stage. */
  stageMedians: Record<StageName, number> | null;
  meanCoarseTokens: number | null;
  meanRefinedTokens: number | null;
}

/** A memory reading during the live run. Fields the browser could not give are null. */
export interface MemorySnapshot {
  /** ms since the live run started, and captions finished by then. */
  atMs: number;
  captions: number;
  /** performance.measureUserAgentSpecificMemory(): page and its workers (needs cross-origin isolation). */
  userAgentSpecificBytes: number | null;
  /** CDP Runtime.getHeapUsage of the page: used JS heap, and ArrayBuffer backing stores. */
  pageHeapBytes: number | null;
  pageBackingStoreBytes: number | null;
  /** The same for the captioner worker (ORT's WASM memory is in neither figure). */
  workerHeapBytes: number | null;
  workerBackingStoreBytes: number | null;
  /** Private memory (USS) of the browser's renderer processes (/proc): the heaps and WASM memory included. */
  rendererPrivateBytes: number | null;
  /** Private memory of the browser's GPU process (/proc); absent in reports from before 2026-12-07. */
  gpuProcessPrivateBytes?: number | null;
}

/** The Live view fed by the demo camera or a fake webcam for a while. */
export interface LiveMeasurement {
  source: 'demo' | 'webcam';
  style: CaptionStyle;
  refine: boolean;
  /** Wall time of the measured window, ms. */
  durationMs: number;
  /** Frame grab to caption, ms, one per finished caption. */
  latenciesMs: number[];
  /** Main-thread tasks over 50 ms during the window (PerformanceObserver 'longtask'), their durations in ms. */
  longTasksMs: number[];
  memoryStart: MemorySnapshot | null;
  memoryEnd: MemorySnapshot | null;
  /** Every reading in order, start and end included (a timeline). */
  memorySamples?: MemorySnapshot[];
  /** Captions of the window whose second look the model's policy skipped (absent in old reports). */
  lookSkipped?: number;
  /** Captions that failed (not cancellations). */
  errors: number;
}

/** A memory figure's relative growth between two readings. */
export interface MemoryGrowth {
  figure: keyof MemorySnapshot;
  start: number;
  end: number;
  share: number;
}

export interface LiveReport {
  source: 'demo' | 'webcam';
  style: CaptionStyle;
  refine: boolean;
  durationS: number;
  captions: number;
  captionsPerSecond: number | null;
  latency: Summary | null;
  longTasks: { count: number; longestMs: number | null; totalMs: number };
  memoryStart: MemorySnapshot | null;
  memoryEnd: MemorySnapshot | null;
  /** Relative growth of the first memory figure both snapshots have, and which figure that is. */
  memoryGrowth: MemoryGrowth | null;
  /** The same figure from the middle reading to the end: near 0 when the growth levelled off. */
  memoryGrowthSecondHalf: number | null;
  /**
   * Each process's own growth over the same window, the renderers' and the GPU process's private memory, where both
   * ends have it (issue 16: each under 5 %). Absent in old reports.
   */
  processGrowth?: MemoryGrowth[];
  memorySamples: MemorySnapshot[];
  /** Share of the window's captions whose second look the model's policy skipped; null when not recorded. */
  lookSkippedShare?: number | null;
  errors: number;
}

/** Page open to model ready and to the first caption, ms (navigation start = 0). */
export interface LoadTiming {
  readyMs: number;
  firstCaptionMs: number;
  /** Bundle files the Cache API served (warm load). */
  cachedFiles: number;
  /** The worker's warm-up caption before it reported ready, ms (part of readyMs). */
  warmupMs: number | null;
  /** When the worker first reported each load phase, ms from navigation start (null: not seen). */
  phases: { download: number | null; session: number | null; warmup: number | null };
}

/**
 * A model's loads: a fresh profile (cold), the first reload (warm; slower than later ones, most likely
 * while the browser fills its code caches for the app's JS and ORT's WebAssembly), and later reloads (a returning user's load).
 */
export interface LoadRuns {
  cold: LoadTiming | null;
  warm: LoadTiming | null;
  /** The reloads after `warm` (absent in reports written before 2026-12-06). */
  later?: LoadTiming[];
}

/** One built file and its gzip size. */
export interface JsFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  /**
   * The library this chunk is, when the worker imports it only on demand: 'onnxruntime-web' (one of its two
   * builds, at the first model load) or 'transformers.js' (only for a hub model); null for the app's own JS.
   */
  library: 'onnxruntime-web' | 'transformers.js' | null;
}

export interface JsSize {
  files: JsFile[];
  /** The on-demand library chunks (onnxruntime-web's builds, transformers.js), gzip. */
  libraryGzipBytes: number;
  /** All JS files' gzip minus the libraries': an estimate, since gzip sizes do not add exactly. */
  appGzipBytes: number;
}

/** Whether WebGPU was timed, and why not. */
export interface WebGpuStatus {
  state: 'timed' | 'software adapter only, not timed' | 'no adapter' | 'not checked';
  adapter: string | null;
}

export interface MachineFacts {
  description: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string | null;
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

/** The real-world model's browser-only measurements (its cases are in BenchMeasurements.cases, model 'real'). */
export interface RealMeasurements {
  bundle: string;
  /** What the per-caption cases captioned, in words (e.g. "12 labelled real photos, centre-cropped to 640x480"). */
  frames: string;
  /** The live run on the fake webcam playing the vtest clip; null when it did not run. */
  live: LiveMeasurement | null;
  load: LoadRuns;
}

/** Everything a bench run measured, before summarising. */
export interface BenchMeasurements {
  date: string;
  machine: MachineFacts;
  bundle: string;
  settings: Record<string, string | number | boolean>;
  cases: CaptionCase[];
  live: LiveMeasurement | null;
  load: LoadRuns;
  jsSize: JsSize | null;
  webgpu: WebGpuStatus;
  /** Absent or null: the real-world model was not benched. */
  real?: RealMeasurements | null;
  /** Absent or null: the video files were not benched (`--no-video`, or no browser). */
  video?: VideoMeasurements | null;
  /** Absent or null: the hub fixtures were not benched (`--no-hub`, or no browser). */
  hub?: HubMeasurements | null;
  durationS: number;
  notes: string[];
}

export interface Ratios {
  /** (coarse + refined) / coarse, median totals, per runtime and style. */
  refineOverhead: { model?: BenchModel; runtime: BenchRuntime; style: CaptionStyle; ratio: number | null }[];
  /** browser / native, median engine times (without fitting the frame), per style and mode. */
  browserVsNative: {
    model?: BenchModel;
    runtime: BenchRuntime;
    style: CaptionStyle;
    refine: boolean;
    ratio: number | null;
  }[];
  /** no cache / KV cache, median totals over the same images (`images` of them). */
  kvCache: { runtime: BenchRuntime; style: CaptionStyle; refine: boolean; images: number; ratio: number | null }[];
  /**
   * Refined captions, pass 2 one token a call / drafted from the coarse caption: median pass-2 times and median
   * totals. Absent in reports from before drafting.
   */
  draft?: { runtime: BenchRuntime; style: CaptionStyle; pass2: number | null; total: number | null }[];
}

export interface BenchReport {
  kind: 'glance-bench';
  version: 1;
  date: string;
  machine: MachineFacts;
  bundle: string;
  settings: Record<string, string | number | boolean>;
  cases: CaseReport[];
  ratios: Ratios;
  live: LiveReport | null;
  load: LoadRuns;
  jsSize: JsSize | null;
  webgpu: WebGpuStatus;
  /** The real-world model's live run and loads; null when it was not benched. Its cases are in `cases`. */
  real: {
    bundle: string;
    frames: string;
    live: LiveReport | null;
    load: LoadRuns;
    /** Share of the coarse + refined median (browser WASM, else native) spent in the second look. */
    lookAgainShare: number | null;
  } | null;
  /** The Video place on the bench clips and the two ways of sampling frames; null when not benched. */
  video: VideoReport | null;
  /** The hub families' tiny fixtures through transformers.js (not targets); null when not benched. */
  hub: HubReport | null;
  targets: TargetResult[];
  durationS: number;
  notes: string[];
}
