/** Turns a bench run's samples into its report: summaries per case, ratios, the live run, the targets. */
import type { CaptionStyle } from '../core/bundle/config';
import {
  STAGES,
  type BenchMeasurements,
  type BenchModel,
  type BenchReport,
  type BenchRuntime,
  type CaptionCase,
  type CaseReport,
  type LiveMeasurement,
  type LiveReport,
  type MemoryGrowth,
  type MemorySnapshot,
  type Ratios,
  type StageName,
} from './bench-types';
import { median, ratio, summarizeOrNull } from './stats';
import { warmLoadFigure } from './load-runs';
import { buildHubReport } from './hub-report';
import { judgeTargets, type TargetId } from './targets';
import { buildVideoReport, videoTargetMs } from './video-report';

const STYLES: readonly CaptionStyle[] = ['short', 'detailed'];
const BROWSER_RUNTIMES: readonly BenchRuntime[] = ['wasm', 'webgpu'];

/**
 * "wasm/short/refined", "native/detailed/coarse/no-cache", "wasm/short/refined/no-draft" or
 * "wasm/short/refined/stream" (a live stream's frame); the real-world model's with "real:" in front.
 */
export function caseKey(
  c: Pick<CaptionCase, 'model' | 'runtime' | 'style' | 'refine' | 'useCache' | 'draft' | 'stream'>,
): string {
  const model = c.model === 'real' ? 'real:' : '';
  const undrafted = c.refine && c.useCache && c.draft === false ? '/no-draft' : '';
  const stream = c.stream ? '/stream' : '';
  return `${model}${c.runtime}/${c.style}/${c.refine ? 'refined' : 'coarse'}${c.useCache ? '' : '/no-cache'}${undrafted}${stream}`;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

export function summarizeCase(c: CaptionCase): CaseReport {
  const { samples } = c;
  const roundTrips = samples.flatMap((s) => (s.roundTripMs === undefined ? [] : [s.roundTripMs]));
  const stageMedians =
    samples.length === 0
      ? null
      : (Object.fromEntries(STAGES.map((stage) => [stage, median(samples.map((s) => s.stages[stage]))])) as Record<
          StageName,
          number
        >);
  return {
    key: caseKey(c),
    model: c.model ?? 'world',
    runtime: c.runtime,
    style: c.style,
    refine: c.refine,
    useCache: c.useCache,
    ...(c.draft === undefined ? {} : { draft: c.draft }),
    ...(c.stream === undefined ? {} : { stream: c.stream }),
    threads: c.threads,
    total: summarizeOrNull(samples.map((s) => s.totalMs)),
    engine: summarizeOrNull(samples.map((s) => s.totalMs - (s.fitMs ?? 0))),
    roundTrip: summarizeOrNull(roundTrips),
    stageMedians,
    meanCoarseTokens: mean(samples.map((s) => s.coarseTokens)),
    meanRefinedTokens: mean(samples.flatMap((s) => (s.refinedTokens === null ? [] : [s.refinedTokens]))),
  };
}

/** The case report for a configuration, if it ran. */
export function findCase(
  cases: readonly CaseReport[],
  runtime: BenchRuntime,
  style: CaptionStyle,
  refine: boolean,
  useCache = true,
  model: BenchModel = 'world',
): CaseReport | undefined {
  return cases.find((c) => c.key === caseKey({ model, runtime, style, refine, useCache }));
}

const medianTotal = (c: CaseReport | undefined): number | null => c?.total?.median ?? null;
const medianEngine = (c: CaseReport | undefined): number | null => c?.engine?.median ?? null;

/**
 * No cache / KV cache. The no-cache case may have run on fewer images (it is slow), so the cached median is
 * taken over the same images when the samples say which image they are.
 */
function kvCacheRatios(raw: readonly CaptionCase[]): Ratios['kvCache'] {
  return raw
    .filter((c) => !c.useCache && c.samples.length > 0)
    .map((c) => {
      // Against the cached case that also decodes one token a call, where there is one: the cache alone.
      const same = raw.filter(
        (r) => r.useCache && r.runtime === c.runtime && r.style === c.style && r.refine === c.refine,
      );
      const cached = same.find((r) => r.draft === false) ?? same[0];
      const images = new Set(c.samples.map((s) => s.image));
      const paired = c.samples.every((s) => s.image !== undefined);
      const reference = (cached?.samples ?? []).filter((s) => !paired || images.has(s.image));
      return {
        runtime: c.runtime,
        style: c.style,
        refine: c.refine,
        images: paired ? images.size : c.samples.length,
        ratio:
          reference.length === 0
            ? null
            : ratio(median(c.samples.map((s) => s.totalMs)), median(reference.map((s) => s.totalMs))),
      };
    });
}

/** Undrafted / drafted refined captions, where both ran: pass 2 and the whole caption, median times. */
function draftRatios(cases: readonly CaseReport[]): NonNullable<Ratios['draft']> {
  return cases
    .filter((c) => c.refine && c.useCache && c.draft === false)
    .map((c) => {
      const drafted = findCase(cases, c.runtime, c.style, true);
      return {
        runtime: c.runtime,
        style: c.style,
        pass2: ratio(c.stageMedians?.pass2 ?? null, drafted?.stageMedians?.pass2 ?? null),
        total: ratio(medianTotal(c), medianTotal(drafted)),
      };
    });
}

export function computeRatios(cases: readonly CaseReport[], raw: readonly CaptionCase[] = []): Ratios {
  const world = modelRatios(cases, 'world');
  const real = modelRatios(cases, 'real');
  return {
    refineOverhead: [...world.refineOverhead, ...real.refineOverhead],
    browserVsNative: [...world.browserVsNative, ...real.browserVsNative],
    kvCache: kvCacheRatios(raw.filter((c) => (c.model ?? 'world') === 'world')),
    draft: draftRatios(cases.filter((c) => c.model === 'world')),
  };
}

/** Refinement overhead and browser / native for one model's cases (real-world entries carry `model: 'real'`). */
function modelRatios(cases: readonly CaseReport[], model: BenchModel): Omit<Ratios, 'kvCache'> {
  const tag = model === 'world' ? {} : { model };
  const find = (runtime: BenchRuntime, style: CaptionStyle, refine: boolean) =>
    findCase(cases, runtime, style, refine, true, model);
  const runtimes = [...new Set(cases.filter((c) => c.model === model).map((c) => c.runtime))];
  const refineOverhead = runtimes.flatMap((runtime) =>
    STYLES.filter((style) => find(runtime, style, true) && find(runtime, style, false)).map((style) => ({
      ...tag,
      runtime,
      style,
      ratio: ratio(medianTotal(find(runtime, style, true)), medianTotal(find(runtime, style, false))),
    })),
  );
  const browserVsNative = BROWSER_RUNTIMES.flatMap((runtime) =>
    STYLES.flatMap((style) =>
      [false, true]
        .filter((refine) => find(runtime, style, refine) && find('native', style, refine))
        .map((refine) => ({
          ...tag,
          runtime,
          style,
          refine,
          ratio: ratio(medianEngine(find(runtime, style, refine)), medianEngine(find('native', style, refine))),
        })),
    ),
  );
  return { refineOverhead, browserVsNative };
}

/**
 * Memory figures in order of preference for the growth figure: the browser's own measurement of the page and
 * its workers, else the renderer processes (the only figure that holds ORT's WASM memory), else the worker's heap.
 */
const MEMORY_FIGURES: readonly (keyof MemorySnapshot)[] = [
  'userAgentSpecificBytes',
  'rendererPrivateBytes',
  'workerHeapBytes',
];

function growthOf(start: MemorySnapshot, end: MemorySnapshot, figure: keyof MemorySnapshot): MemoryGrowth | null {
  const a = start[figure];
  const b = end[figure];
  return typeof a === 'number' && typeof b === 'number' && a > 0
    ? { figure, start: a, end: b, share: (b - a) / a }
    : null;
}

export function memoryGrowth(start: MemorySnapshot | null, end: MemorySnapshot | null): MemoryGrowth | null {
  if (!start || !end) return null;
  for (const figure of MEMORY_FIGURES) {
    const growth = growthOf(start, end, figure);
    if (growth) return growth;
  }
  return null;
}

/**
 * The processes issue 16 asks to stay flat "alike": the renderers and the GPU process. The captioner worker is a
 * thread of the page's renderer process, so the renderer figure holds its heap and ORT's WASM memory; the worker's
 * JS heap alone (a few MB that swing +-20 % with the collector's timing) is shown, not judged.
 */
export const PROCESS_FIGURES: readonly (keyof MemorySnapshot)[] = ['rendererPrivateBytes', 'gpuProcessPrivateBytes'];

/** Each process figure's growth where both readings have it, in PROCESS_FIGURES order. */
export function processGrowth(start: MemorySnapshot | null, end: MemorySnapshot | null): MemoryGrowth[] {
  if (!start || !end) return [];
  return PROCESS_FIGURES.map((figure) => growthOf(start, end, figure)).filter((g): g is MemoryGrowth => g !== null);
}

/** The growth the live memory target judges: the largest process's (all must stay flat), else the headline one. */
export function judgedGrowth(live: LiveReport): MemoryGrowth | null {
  const each = live.processGrowth ?? [];
  if (each.length === 0) return live.memoryGrowth;
  return each.reduce((worst, g) => (g.share > worst.share ? g : worst));
}

export function summarizeLive(live: LiveMeasurement): LiveReport {
  const captions = live.latenciesMs.length;
  const samples =
    live.memorySamples ?? [live.memoryStart, live.memoryEnd].filter((s): s is MemorySnapshot => s !== null);
  const growth = memoryGrowth(live.memoryStart, live.memoryEnd);
  const middle = samples.length >= 3 ? samples[Math.floor((samples.length - 1) / 2)] : null;
  const middleValue = growth && middle ? middle[growth.figure] : null;
  return {
    source: live.source,
    style: live.style,
    refine: live.refine,
    durationS: live.durationMs / 1000,
    captions,
    captionsPerSecond: live.durationMs > 0 ? (captions * 1000) / live.durationMs : null,
    latency: summarizeOrNull(live.latenciesMs),
    longTasks: {
      count: live.longTasksMs.length,
      longestMs: live.longTasksMs.length ? Math.max(...live.longTasksMs) : null,
      totalMs: live.longTasksMs.reduce((s, v) => s + v, 0),
    },
    memoryStart: live.memoryStart,
    memoryEnd: live.memoryEnd,
    memoryGrowth: growth,
    processGrowth: processGrowth(live.memoryStart, live.memoryEnd),
    memoryGrowthSecondHalf:
      growth && typeof middleValue === 'number' && middleValue > 0 ? (growth.end - middleValue) / middleValue : null,
    memorySamples: samples,
    lookSkippedShare: live.lookSkipped === undefined || captions === 0 ? null : live.lookSkipped / captions,
    errors: live.errors,
  };
}

/** The figure behind each target, and what qualifies it. */
function targetValues(report: Omit<BenchReport, 'targets'>): {
  values: Partial<Record<TargetId, number | null>>;
  notes: Partial<Record<TargetId, string>>;
} {
  const { cases, ratios, live, load, jsSize, real, video } = report;
  // The target's 640x480 frame is a webcam's: a live stream's frame (one glance view). Reports from before still
  // images got two views have only the still case, which was then the same work.
  const realRefined = realCase(cases, 'wasm', true, true) ?? realCase(cases, 'wasm', true);
  const realStill = realRefined?.stream ? realCase(cases, 'wasm', true) : undefined;
  const shortRefined = findCase(cases, 'wasm', 'short', true);
  const detailedRefined = findCase(cases, 'wasm', 'detailed', true);
  const perceived = (c: CaseReport | undefined) => c?.roundTrip?.median ?? c?.total?.median ?? null;
  const notes: Partial<Record<TargetId, string>> = {};
  if (live) {
    const frames = live.captions;
    if (live.longTasks.longestMs !== null) notes.liveLongTasks = `longest ${Math.round(live.longTasks.longestMs)} ms`;
    const judged = judgedGrowth(live);
    const each = live.processGrowth ?? [];
    notes.liveMemoryGrowth = judged
      ? `${judged.figure}, over ${frames} captions` +
        (each.length > 1 ? ` (${each.map((g) => `${g.figure} ${(g.share * 100).toFixed(1)} %`).join(', ')})` : '') +
        (live.memoryGrowthSecondHalf === null || judged.figure !== live.memoryGrowth?.figure
          ? ''
          : `; ${(live.memoryGrowthSecondHalf * 100).toFixed(1)} % in the second half`)
      : 'the browser gave no memory figure at both ends';
    if (live.style !== 'short' || !live.refine) {
      notes.liveCaptionsPerSecond = `${live.style} ${live.refine ? 'refined' : 'coarse'} captions`;
    }
  }
  const values: Partial<Record<TargetId, number | null>> = {
    refineOverhead:
      ratios.refineOverhead.find((r) => !r.model && r.runtime === 'wasm' && r.style === 'short')?.ratio ?? null,
    refineOverheadDetailed:
      ratios.refineOverhead.find((r) => !r.model && r.runtime === 'wasm' && r.style === 'detailed')?.ratio ?? null,
    wasmVsNative:
      ratios.browserVsNative.find((r) => !r.model && r.runtime === 'wasm' && r.style === 'short' && r.refine)?.ratio ??
      null,
    shortRefinedMs: perceived(shortRefined),
    detailedRefinedMs: perceived(detailedRefined),
    liveCaptionsPerSecond: live?.captionsPerSecond ?? null,
    liveP95Ms: live?.latency?.p95 ?? null,
    liveLongTasks: live?.longTasks.count ?? null,
    liveMemoryGrowth: live ? (judgedGrowth(live)?.share ?? null) : null,
    warmLoadMs: warmLoadFigure(load).ms,
    appJsGzipBytes: jsSize?.appGzipBytes ?? null,
    realRefinedMs: perceived(realRefined),
    realLiveCaptionsPerSecond: real?.live?.captionsPerSecond ?? null,
    realWarmLoadMs: real ? warmLoadFigure(real.load).ms : null,
    video60sMs: videoTargetMs(video),
    videoMemoryRise: video?.long?.renderer?.rise ?? null,
  };
  if (realRefined?.roundTrip || realRefined?.total) {
    const s = realRefined.roundTrip ?? realRefined.total!;
    const still = perceived(realStill);
    notes.realRefinedMs =
      `p25-p75 ${Math.round(s.p25)}-${Math.round(s.p75)} ms over ${s.n}` +
      (realRefined.stream ? ', as live frames (one glance view)' : '') +
      `; ${real?.frames ?? ''}` +
      (still === null ? '' : `; the same frames as still images (two glance views): ${Math.round(still)} ms`);
  }
  if (real?.live) {
    const p95 = real.live.latency?.p95;
    notes.realLiveCaptionsPerSecond =
      `${real.live.source === 'webcam' ? 'fake webcam' : 'demo camera'}, ${real.live.style} refined captions` +
      (p95 === undefined ? '' : `, p95 frame-to-caption ${Math.round(p95)} ms`);
  }
  const worldWarm = warmLoadFigure(load).note;
  if (worldWarm) notes.warmLoadMs = worldWarm;
  if (real) {
    const parts = [
      warmLoadFigure(real.load).note,
      real.load.cold ? `cold ${(real.load.cold.firstCaptionMs / 1000).toFixed(2)} s` : null,
    ].filter((p) => p !== null);
    if (parts.length > 0) notes.realWarmLoadMs = parts.join('; ');
  }
  if (video?.runs.length) {
    const failed = video.runs.filter((r) => r.phase !== 'done').length;
    const first = video.runs[0];
    notes.video60sMs = failed
      ? `${failed} of ${video.runs.length} runs did not finish (${video.runs.map((r) => r.phase).join(', ')})`
      : `${video.runs.length === 1 ? '1 run' : `median of ${video.runs.length} runs`}; ` +
        `${first.scenes} scenes for ${first.trueShots} shots, ${first.cuts.found} of ${first.trueShots - 1} cuts found` +
        (first.cuts.maxSec === null ? '' : `, max cut error ${Math.round(first.cuts.maxSec * 1000)} ms`);
  }
  if (video?.long) {
    const r = video.long.renderer;
    notes.videoMemoryRise = r
      ? `renderer private memory, ${r.samples} readings over ${(video.long.wallMs / 1000).toFixed(0)} s; ` +
        `${r.verdict}` +
        (r.slopePerVideoMinute === null
          ? ''
          : `, slope ${(r.slopePerVideoMinute / 1e6).toFixed(2)} MB per video minute`)
      : 'no renderer memory figure';
    if (video.long.phase !== 'done') notes.videoMemoryRise += `; the job ended ${video.long.phase}`;
  }
  return { values, notes };
}

/**
 * The real-world model's case for a runtime and mode (it runs one style, whichever the bench chose): a still
 * image's, or with `stream` a live frame's (one glance view instead of two).
 */
export function realCase(
  cases: readonly CaseReport[],
  runtime: BenchRuntime,
  refine: boolean,
  stream = false,
): CaseReport | undefined {
  return cases.find(
    (c) => c.model === 'real' && c.runtime === runtime && c.refine === refine && c.useCache && !!c.stream === stream,
  );
}

/** The second look's share of the real-world model's coarse + refined time (browser WASM, else native). */
export function lookAgainShare(cases: readonly CaseReport[]): number | null {
  const c = realCase(cases, 'wasm', true) ?? realCase(cases, 'native', true);
  if (!c?.stageMedians || !c.total) return null;
  return ratio(c.stageMedians.lookAgain, c.total.median);
}

export function buildBenchReport(m: BenchMeasurements): BenchReport {
  const cases = m.cases.map(summarizeCase);
  const base: Omit<BenchReport, 'targets'> = {
    kind: 'glance-bench',
    version: 1,
    date: m.date,
    machine: m.machine,
    bundle: m.bundle,
    settings: m.settings,
    cases,
    ratios: computeRatios(cases, m.cases),
    live: m.live ? summarizeLive(m.live) : null,
    load: m.load,
    jsSize: m.jsSize,
    webgpu: m.webgpu,
    real: m.real
      ? {
          bundle: m.real.bundle,
          frames: m.real.frames,
          live: m.real.live ? summarizeLive(m.real.live) : null,
          load: m.real.load,
          lookAgainShare: lookAgainShare(cases),
        }
      : null,
    video: m.video ? buildVideoReport(m.video) : null,
    hub: m.hub ? buildHubReport(m.hub) : null,
    durationS: m.durationS,
    notes: m.notes,
  };
  const { values, notes } = targetValues(base);
  return { ...base, targets: judgeTargets(values, notes) };
}
