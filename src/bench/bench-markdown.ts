/** The bench report as Markdown (reports/<date>/bench.md), its console tables and its short summary. */
import type { BenchReport, CaseReport, LiveReport, LoadRuns, LoadTiming, MemorySnapshot } from './bench-types';
import { STAGES } from './bench-types';
import { formatBytes, formatMs, formatNumber, formatPercent, formatRatio, MISSING } from './format';
import { HUB_SECTION_TITLE, hubSection } from './hub-markdown';
import { markdownTable, type Table } from './table';
import { limitText, type Target, type TargetResult } from './targets';
import { videoSection, videoSummary } from './video-markdown';
import { laterLoad } from './load-runs';
import { PROCESS_FIGURES, judgedGrowth, realCase } from './bench-report';

/** A target figure in its unit. */
export function formatTargetValue(value: number | null, unit: Target['unit']): string {
  if (value === null) return MISSING;
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'x':
      return formatRatio(value);
    case 'share':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'per second':
      return `${formatNumber(value, 1)}/s`;
    case 'count':
      return String(value);
  }
}

export function targetsTable(targets: readonly TargetResult[]): Table {
  return {
    header: ['target', 'limit', 'measured', 'verdict', 'note'],
    align: ['left', 'left', 'right', 'left', 'left'],
    rows: targets.map((t) => [
      t.label,
      limitText(t, formatTargetValue),
      formatTargetValue(t.value, t.unit),
      t.verdict,
      t.note ?? '',
    ]),
  };
}

const modeOf = (c: Pick<CaseReport, 'refine' | 'useCache' | 'draft' | 'stream'>) =>
  `${c.refine ? 'coarse + refined' : 'coarse only'}${c.useCache ? '' : ', no KV cache'}` +
  `${c.refine && c.useCache && c.draft === false ? ', pass 2 undrafted' : ''}${c.stream ? ', live frame' : ''}`;

/** 'world' or 'real' (a report from before the real-world model has no model: world). */
const modelOf = (c: Pick<CaseReport, 'model'>) => c.model ?? 'world';

/** p25-p75 of a summary, "12-15 ms". */
function quartiles(s: { p25?: number; p75?: number } | null | undefined): string {
  if (s?.p25 === undefined || s.p75 === undefined) return MISSING;
  const low = formatMs(s.p25);
  const high = formatMs(s.p75);
  // "97.50-112.5 ms"; the unit once when both share it.
  return low.endsWith(' ms') && high.endsWith(' ms') ? `${low.slice(0, -3)}-${high}` : `${low} - ${high}`;
}

export function casesTable(cases: readonly CaseReport[]): Table {
  return {
    header: [
      'model',
      'runtime',
      'style',
      'mode',
      'threads',
      'n',
      'median',
      'p25-p75',
      'p95',
      'round trip median',
      'round trip p25-p75',
      'tokens (coarse/refined)',
    ],
    align: ['left', 'left', 'left', 'left'],
    rows: cases.map((c) => [
      modelOf(c),
      c.runtime,
      c.style,
      modeOf(c),
      c.threads === null ? MISSING : String(c.threads),
      String(c.total?.n ?? 0),
      formatMs(c.total?.median),
      quartiles(c.total),
      formatMs(c.total?.p95),
      formatMs(c.roundTrip?.median),
      quartiles(c.roundTrip),
      modelOf(c) === 'real'
        ? 'none (no decoder)'
        : `${formatNumber(c.meanCoarseTokens, 1)} / ${formatNumber(c.meanRefinedTokens, 1)}`,
    ]),
  };
}

export function stagesTable(cases: readonly CaseReport[]): Table {
  return {
    header: ['model', 'runtime', 'style', 'mode', ...STAGES, 'total'],
    align: ['left', 'left', 'left', 'left'],
    rows: cases.map((c) => [
      modelOf(c),
      c.runtime,
      c.style,
      modeOf(c),
      ...STAGES.map((s) => formatMs(c.stageMedians?.[s])),
      formatMs(c.total?.median),
    ]),
  };
}

export function ratiosTable(report: BenchReport): Table {
  const { refineOverhead, browserVsNative, kvCache, draft = [] } = report.ratios;
  return {
    header: ['ratio', 'model', 'runtime', 'style', 'value'],
    align: ['left', 'left', 'left', 'left'],
    rows: [
      ...refineOverhead.map((r) => [
        'refinement overhead (coarse + refined) / coarse',
        r.model ?? 'world',
        r.runtime,
        r.style,
        formatRatio(r.ratio),
      ]),
      ...browserVsNative.map((r) => [
        `browser / native, ${r.refine ? 'coarse + refined' : 'coarse only'}`,
        r.model ?? 'world',
        r.runtime,
        r.style,
        formatRatio(r.ratio),
      ]),
      ...kvCache.map((r) => [
        `no KV cache / KV cache, ${r.refine ? 'coarse + refined' : 'coarse only'}, same ${r.images} images`,
        'world',
        r.runtime,
        r.style,
        formatRatio(r.ratio),
      ]),
      ...draft.flatMap((r) => [
        [
          'pass 2 one token a call / drafted from the coarse caption',
          'world',
          r.runtime,
          r.style,
          formatRatio(r.pass2),
        ],
        ['the same, whole caption (coarse + refined)', 'world', r.runtime, r.style, formatRatio(r.total)],
      ]),
    ],
  };
}

const MEMORY_LABELS: [keyof MemorySnapshot, string][] = [
  ['userAgentSpecificBytes', 'measureUserAgentSpecificMemory (page + workers)'],
  ['pageHeapBytes', 'page JS heap (CDP)'],
  ['pageBackingStoreBytes', 'page ArrayBuffers (CDP)'],
  ['workerHeapBytes', 'worker JS heap (CDP)'],
  ['workerBackingStoreBytes', 'worker ArrayBuffers (CDP)'],
  ['rendererPrivateBytes', 'renderer processes, private memory incl. WASM (/proc)'],
  ['gpuProcessPrivateBytes', 'GPU process, private memory (/proc)'],
];

export function memoryTable(start: MemorySnapshot | null, end: MemorySnapshot | null): Table {
  const figure = (s: MemorySnapshot | null, key: keyof MemorySnapshot) => {
    const v = s?.[key];
    return typeof v === 'number' ? v : null;
  };
  return {
    header: ['memory', 'start', 'end', 'growth'],
    rows: MEMORY_LABELS.map(([key, label]) => {
      const a = figure(start, key);
      const b = figure(end, key);
      return [label, formatBytes(a), formatBytes(b), a && b !== null ? formatPercent((b - a) / a) : MISSING];
    }),
  };
}

/** Every memory reading of the live run. */
export function memoryTimeline(samples: readonly MemorySnapshot[]): Table {
  const bytes = (v: number | null) => formatBytes(v);
  return {
    header: [
      'seconds',
      'captions',
      'renderer private',
      'GPU process private',
      'worker JS heap',
      'worker ArrayBuffers',
      'page JS heap',
    ],
    rows: samples.map((s) => [
      formatNumber(s.atMs / 1000, 0),
      String(s.captions),
      bytes(s.rendererPrivateBytes),
      bytes(s.gpuProcessPrivateBytes ?? null),
      bytes(s.workerHeapBytes),
      bytes(s.workerBackingStoreBytes),
      bytes(s.pageHeapBytes),
    ]),
  };
}

function liveSection(live: LiveReport | null): string[] {
  if (!live) return ['Not run.'];
  const lines = [
    `${live.source === 'demo' ? 'Demo camera' : 'Fake webcam'}, ${live.style} captions, ` +
      `${live.refine ? 'coarse + refined' : 'coarse only'}, ${formatNumber(live.durationS, 1)} s, ` +
      `${live.captions} captions (${live.errors} failed).`,
    '',
    markdownTable({
      header: ['figure', 'value'],
      rows: [
        ['captions per second', formatNumber(live.captionsPerSecond, 2)],
        ['frame-to-caption p50', formatMs(live.latency?.median)],
        ['frame-to-caption p95', formatMs(live.latency?.p95)],
        ['main-thread tasks over 50 ms', String(live.longTasks.count)],
        [
          'longest main-thread task',
          live.longTasks.longestMs === null ? 'none over 50 ms' : formatMs(live.longTasks.longestMs),
        ],
        ...(live.lookSkippedShare === undefined || live.lookSkippedShare === null
          ? []
          : [["second look skipped (the model's look policy)", formatPercent(live.lookSkippedShare)]]),
      ],
    }),
    '',
    markdownTable(memoryTable(live.memoryStart, live.memoryEnd)),
  ];
  if (live.memoryStart && live.memoryEnd) {
    lines.push(
      '',
      `Memory read after ${live.memoryStart.captions} and ${live.memoryEnd.captions} captions; growth judged on ` +
        `the process that grew most of ${PROCESS_FIGURES.join(', ')} ` +
        `(${judgedGrowth(live)?.figure ?? 'no figure'}); the headline ` +
        `${live.memoryGrowth ? live.memoryGrowth.figure : 'no figure'}` +
        (live.memoryGrowthSecondHalf === null
          ? '.'
          : `, of which ${formatPercent(live.memoryGrowthSecondHalf)} in the second half (growth that levels off ` +
            'is warm-up, such as caches and compiled code filling, rather than a leak).'),
    );
  }
  if (live.memorySamples.length > 2) lines.push('', markdownTable(memoryTimeline(live.memorySamples)));
  return lines;
}

/** The short summary the README quotes: one line per headline figure. */
export function benchSummary(report: BenchReport): string[] {
  const t = (id: TargetResult['id']) => report.targets.find((x) => x.id === id)!;
  const show = (id: TargetResult['id']) => `${formatTargetValue(t(id).value, t(id).unit)} (${t(id).verdict})`;
  const real = report.real;
  // The target's case is a live frame where the bench ran one (realRefinedMs); the still image's beside it.
  const live = realCase(report.cases, 'wasm', true, true) !== undefined;
  const still = live ? realCase(report.cases, 'wasm', true) : undefined;
  const stillMs = still?.roundTrip?.median ?? still?.total?.median;
  const realLines = real
    ? [
        `real-world model, 640x480 coarse + refined, browser WASM: ${show('realRefinedMs')}` +
          `${t('realRefinedMs').note ? ` [${t('realRefinedMs').note!.split(';')[0]}]` : ''}` +
          (still ? `; as a still image (two glance views) ${formatMs(stillMs)}` : '') +
          `; natively ${formatMs(realCase(report.cases, 'native', true, live)?.total?.median)}` +
          `; second look ${formatPercent(real.lookAgainShare)} of it; live refined captions ` +
          `${show('realLiveCaptionsPerSecond')}, p95 ${formatMs(real.live?.latency?.p95)}; ` +
          `warm load ${show('realWarmLoadMs')}`,
      ]
    : [];
  return [
    `short caption, coarse + refined, browser WASM: ${show('shortRefinedMs')}; detailed: ${show('detailedRefinedMs')}`,
    `refinement overhead ${show('refineOverhead')} short, ${show('refineOverheadDetailed')} detailed; ` +
      `browser WASM / native ${show('wasmVsNative')}`,
    `live: ${show('liveCaptionsPerSecond')} captions/s, p95 ${show('liveP95Ms')}, long tasks ${show('liveLongTasks')}, ` +
      `memory growth ${show('liveMemoryGrowth')}`,
    `warm load to first caption ${show('warmLoadMs')}; app JS ${show('appJsGzipBytes')} gzip`,
    ...realLines,
    ...videoSummary(report.video ?? null, show),
  ];
}

/** A model's rows of the load table: cold, the first reload, and the median of the later reloads. */
function loadRows(model: string, runs: LoadRuns): string[][] {
  const later = laterLoad(runs);
  return [
    loadRow(`${model}, cold`, runs.cold),
    loadRow(`${model}, warm (first reload)`, runs.warm),
    ...(later ? [loadRow(`${model}, warm (median of ${runs.later!.length} later reloads)`, later)] : []),
  ];
}

/** One row of the load table. */
function loadRow(label: string, timing: LoadTiming | null | undefined): string[] {
  return [
    label,
    formatMs(timing?.phases.download),
    formatMs(timing?.phases.session),
    formatMs(timing?.phases.warmup),
    formatMs(timing?.readyMs),
    formatMs(timing?.warmupMs),
    formatMs(timing?.firstCaptionMs),
    timing ? String(timing.cachedFiles) : MISSING,
  ];
}

function realSection(report: BenchReport): string[] {
  const real = report.real;
  if (!real) return ['Not run (`--no-real`, or its bundle, photos or clip were missing: see the notes).'];
  return [
    `Bundle \`${real.bundle}\`; per caption: ${real.frames}. Its rows are in the tables above (model "real"); ` +
      'its stages are the detector on the whole letterboxed frame (encode), the coarse caption written (pass1), ' +
      'the heat map (saliency), region choice (regions), the second look: each region cropped at full ' +
      'resolution through the detector again and, for people, the pose, face and expression models ' +
      `(lookAgain: ${formatPercent(real.lookAgainShare)} of the coarse + refined median), and the refined caption (pass2).`,
    '',
    '### Live (real-world model)',
    '',
    ...liveSection(real.live),
  ];
}

export function benchMarkdown(report: BenchReport): string {
  const { machine, load, jsSize } = report;
  const met = report.targets.filter((t) => t.verdict === 'met').length;
  const sections = [
    `# Glance bench, ${report.date}`,
    '',
    `Machine: ${machine.description} (${machine.cpuModel}; ${machine.os}; Node ${machine.node}; ` +
      `${machine.chromium ?? 'no Chromium'}). Load average ${machine.loadAverageStart.map((l) => l.toFixed(2)).join(' ')} ` +
      `at the start, ${machine.loadAverageEnd.map((l) => l.toFixed(2)).join(' ')} at the end: the machine is shared, ` +
      `so figures move between runs.`,
    `Bundle: \`${report.bundle}\`. Run took ${formatNumber(report.durationS, 0)} s. ` +
      `Settings: ${Object.entries(report.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}.`,
    '',
    '## Summary',
    '',
    ...benchSummary(report).map((line) => `- ${line}`),
    '',
    `## Targets (${met} of ${report.targets.length} met)`,
    '',
    markdownTable(targetsTable(report.targets)),
    '',
    "Browser figures for the targets are the page's round trip (frame transfer and messaging included). " +
      'Browser / native compares the engine alone: the total without fitting the frame to the square, which the ' +
      'worker does with a canvas and Node in JS.',
    '',
    '## Per caption',
    '',
    markdownTable(casesTable(report.cases)),
    '',
    '## Median per stage',
    '',
    'preprocess = fit to the model square and normalise; encode = global view through the vision encoder and the ' +
      'shared decoder prefix; lookAgain = region crops through the encoder and the connector.',
    '',
    markdownTable(stagesTable(report.cases)),
    '',
    '## Ratios',
    '',
    markdownTable(ratiosTable(report)),
    '',
    `WebGPU: ${report.webgpu.state}${report.webgpu.adapter ? ` (${report.webgpu.adapter})` : ''}.`,
    '',
    '## Live (scene-world model)',
    '',
    ...liveSection(report.live),
    '',
    '## Real-world model',
    '',
    ...realSection(report),
    '',
    '## Video files',
    '',
    ...videoSection(report.video ?? null),
    '',
    `## ${HUB_SECTION_TITLE}`,
    '',
    ...hubSection(report.hub ?? null, report.cases),
    '',
    '## Load',
    '',
    'From navigation start (the Live view with the demo camera, a fresh browser profile for cold) to the model ' +
      'being ready and to the first caption arriving in the page. The phases are when the worker first reported ' +
      'each: bundle downloads, ONNX sessions (ORT compiles its WASM at the first), the warm-up. The first reload ' +
      'finds the files cached but is slower than later ones (most likely the browser still filling its code ' +
      "caches); later reloads, a returning visitor's load, are given as the median of each column, and the warm " +
      'targets judge them.',
    '',
    markdownTable({
      header: [
        'load',
        'downloads start',
        'sessions start',
        'warm-up starts',
        'model ready',
        'of which warm-up caption',
        'first caption',
        'files from the Cache API',
      ],
      rows: [...loadRows('world', load), ...(report.real ? loadRows('real', report.real.load) : [])],
    }),
    '',
    'The world model loads with `?model=world` and the demo camera; the real-world model as a first visit ' +
      'does (no remembered model, so the default), with the fake webcam started as soon as the page shows it.',
    '',
    '## App JS size',
    '',
    ...(jsSize
      ? [
          markdownTable({
            header: ['file', 'bytes', 'gzip'],
            rows: jsSize.files.map((f) => [
              f.file + (f.library ? ` (${f.library}, loaded on demand)` : ''),
              formatBytes(f.bytes),
              formatBytes(f.gzipBytes),
            ]),
          }),
          '',
          `The libraries the worker imports on demand (onnxruntime-web's builds; transformers.js, only for a hub ` +
            `model) are ${formatBytes(jsSize.libraryGzipBytes)} gzip; the app without them ` +
            `${formatBytes(jsSize.appGzipBytes)} gzip (an estimate). ORT's .wasm and the model are not counted.`,
        ]
      : ['Not measured.']),
  ];
  if (report.notes.length) sections.push('', '## Notes', '', ...report.notes.map((n) => `- ${n}`));
  return sections.join('\n') + '\n';
}
