/** Turns a bench run's samples into its report: summaries per case, ratios, the live run, the targets. */
import type { CaptionStyle } from '../core/bundle/config';
import {
  STAGES,
  type BenchMeasurements,
  type BenchReport,
  type BenchRuntime,
  type CaptionCase,
  type CaseReport,
  type LiveMeasurement,
  type LiveReport,
  type MemorySnapshot,
  type Ratios,
  type StageName,
} from './bench-types';
import { median, ratio, summarizeOrNull } from './stats';
import { judgeTargets, type TargetId } from './targets';

const STYLES: readonly CaptionStyle[] = ['short', 'detailed'];
const BROWSER_RUNTIMES: readonly BenchRuntime[] = ['wasm', 'webgpu'];

/** "wasm/short/refined" or "native/detailed/coarse/no-cache". */
export function caseKey(c: Pick<CaptionCase, 'runtime' | 'style' | 'refine' | 'useCache'>): string {
  return `${c.runtime}/${c.style}/${c.refine ? 'refined' : 'coarse'}${c.useCache ? '' : '/no-cache'}`;
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
    runtime: c.runtime,
    style: c.style,
    refine: c.refine,
    useCache: c.useCache,
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
): CaseReport | undefined {
  return cases.find((c) => c.key === caseKey({ runtime, style, refine, useCache }));
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
      const cached = raw.find(
        (r) => r.useCache && r.runtime === c.runtime && r.style === c.style && r.refine === c.refine,
      );
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

export function computeRatios(cases: readonly CaseReport[], raw: readonly CaptionCase[] = []): Ratios {
  const runtimes = [...new Set(cases.map((c) => c.runtime))];
  const refineOverhead = runtimes.flatMap((runtime) =>
    STYLES.filter((style) => findCase(cases, runtime, style, true) && findCase(cases, runtime, style, false)).map(
      (style) => ({
        runtime,
        style,
        ratio: ratio(
          medianTotal(findCase(cases, runtime, style, true)),
          medianTotal(findCase(cases, runtime, style, false)),
        ),
      }),
    ),
  );
  const browserVsNative = BROWSER_RUNTIMES.flatMap((runtime) =>
    STYLES.flatMap((style) =>
      [false, true]
        .filter((refine) => findCase(cases, runtime, style, refine) && findCase(cases, 'native', style, refine))
        .map((refine) => ({
          runtime,
          style,
          refine,
          ratio: ratio(
            medianEngine(findCase(cases, runtime, style, refine)),
            medianEngine(findCase(cases, 'native', style, refine)),
          ),
        })),
    ),
  );
  return { refineOverhead, browserVsNative, kvCache: kvCacheRatios(raw) };
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

export function memoryGrowth(start: MemorySnapshot | null, end: MemorySnapshot | null): LiveReport['memoryGrowth'] {
  if (!start || !end) return null;
  for (const figure of MEMORY_FIGURES) {
    const a = start[figure];
    const b = end[figure];
    if (typeof a === 'number' && typeof b === 'number' && a > 0)
      return { figure, start: a, end: b, share: (b - a) / a };
  }
  return null;
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
    memoryGrowthSecondHalf:
      growth && typeof middleValue === 'number' && middleValue > 0 ? (growth.end - middleValue) / middleValue : null,
    memorySamples: samples,
    errors: live.errors,
  };
}

/** The figure behind each target, and what qualifies it. */
function targetValues(report: Omit<BenchReport, 'targets'>): {
  values: Partial<Record<TargetId, number | null>>;
  notes: Partial<Record<TargetId, string>>;
} {
  const { cases, ratios, live, load, jsSize } = report;
  const shortRefined = findCase(cases, 'wasm', 'short', true);
  const detailedRefined = findCase(cases, 'wasm', 'detailed', true);
  const perceived = (c: CaseReport | undefined) => c?.roundTrip?.median ?? c?.total?.median ?? null;
  const notes: Partial<Record<TargetId, string>> = {};
  if (live) {
    const frames = live.captions;
    if (live.longTasks.longestMs !== null) notes.liveLongTasks = `longest ${Math.round(live.longTasks.longestMs)} ms`;
    notes.liveMemoryGrowth = live.memoryGrowth
      ? `${live.memoryGrowth.figure}, over ${frames} captions` +
        (live.memoryGrowthSecondHalf === null
          ? ''
          : `; ${(live.memoryGrowthSecondHalf * 100).toFixed(1)} % in the second half`)
      : 'the browser gave no memory figure at both ends';
    if (live.style !== 'short' || !live.refine) {
      notes.liveCaptionsPerSecond = `${live.style} ${live.refine ? 'refined' : 'coarse'} captions`;
    }
  }
  const values: Partial<Record<TargetId, number | null>> = {
    refineOverhead: ratios.refineOverhead.find((r) => r.runtime === 'wasm' && r.style === 'short')?.ratio ?? null,
    wasmVsNative:
      ratios.browserVsNative.find((r) => r.runtime === 'wasm' && r.style === 'short' && r.refine)?.ratio ?? null,
    shortRefinedMs: perceived(shortRefined),
    detailedRefinedMs: perceived(detailedRefined),
    liveCaptionsPerSecond: live?.captionsPerSecond ?? null,
    liveP95Ms: live?.latency?.p95 ?? null,
    liveLongTasks: live?.longTasks.count ?? null,
    liveMemoryGrowth: live?.memoryGrowth?.share ?? null,
    warmLoadMs: load.warm?.firstCaptionMs ?? null,
    appJsGzipBytes: jsSize?.appGzipBytes ?? null,
  };
  return { values, notes };
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
    durationS: m.durationS,
    notes: m.notes,
  };
  const { values, notes } = targetValues(base);
  return { ...base, targets: judgeTargets(values, notes) };
}
