/**
 * `npm run bench`: how fast Glance is on this machine, in one run: per-caption timings natively
 * (onnxruntime-node) and in headless Chromium through the built app's worker (WASM with its threads), by stage;
 * refinement overhead, browser/native and KV-cache ratios; a live run of the Live view; cold and warm load to
 * the first caption; the app's JS size. The same for the real-world model (glance-real-v1, issue 14): 640x480
 * frames coarse and coarse + refined natively and in the browser, a live run on the fake webcam playing the
 * vtest clip, cold and warm load. Video files (issue 18): a 60 s 640x480 clip with 10 scene changes through the
 * Video place with the default model, memory over a 10-minute clip, and seeking a <video> against WebCodecs.
 * Hub fixtures (issue 15): each hub family's designed tiny fixture (scripts/hub-fixtures) loaded through
 * transformers.js in the app's worker (WASM), coarse and coarse + refined per caption beside Glance's models, and
 * its load; a check on the integration, not targets. Writes <out>/<date>/bench.{json,md}. See docs/eval-bench.md.
 *
 *   npm run bench -- [--model public/models/glance-world-v3] [--images 12] [--nocache-images 4] [--runs 1]
 *                    [--real-model public/models/glance-real-v1] [--real-images 12] [--no-real]
 *                    [--warmup 2] [--threads 2] [--live-seconds 60]
 *                    [--live-frames N] [--live-warmup N] [--live-settle 20] [--live-style short] [--live-source demo|webcam] [--no-live]
 *                    [--no-browser] [--no-native] [--webgpu auto|off] [--ua-memory] [--no-build] [--out reports]
 *                    [--no-video] [--no-video-long] [--video-runs 1] [--sampling-rounds 3] [--only video] [--quick]
 *                    [--no-hub] [--hub-runs 3]
 *
 * --quick: a check (about a minute here, against about 8 min), not figures to quote: 4 world images, 2 real
 * frames, 1 warm-up, no no-KV-cache cases, 8 s live runs after 3 s of settling, 2 later reloads, no WebGPU page,
 * no video files and no hub fixtures (--video-runs N: the 60 s video N times with one sampling round, no 10-minute
 * video; --hub-runs N: the hub fixtures), and the builds reused when they exist and are newer than the sources.
 * Any option given explicitly wins over --quick's. --only video: the video part alone (the test build, no world
 * or real-world model cases, no JS size). --no-hub: no hub fixtures; --hub-runs: rounds over the hub fixtures' inputs
 * (the first 2 world images and 2 colour pictures), each family in a fresh profile; a family that fails is a note,
 * not the bench's end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCli } from './cli';
import { benchMarkdown, benchSummary, casesTable, ratiosTable, targetsTable } from '../src/bench/bench-markdown';
import { buildBenchReport } from '../src/bench/bench-report';
import type { BenchMeasurements, CaptionCase } from '../src/bench/bench-types';
import { textTable } from '../src/bench/table';
import { samplingTable, videoRunsTable } from '../src/bench/video-markdown';
import { readCocoCaptions } from '../src/eval/coco';
import { runBrowser, type BrowserResults } from './bench/browser';
import { MAIN_CASES, NO_CACHE_CASES, UNDRAFTED_CASES } from './bench/caption-cases';
import { CHROMIUM_PATH } from './chromium-flags';
import { measureJsSize } from './bench/js-size';
import { chromiumVersion, loadAverage, machineFacts, today } from './bench/machine';
import { interleaveCases, type CaptionRunner } from './bench/interleave';
import { nativeRunner } from './bench/native';
import { writeReport } from './bench/report-files';
import { startBenchServer } from './bench/static-server';
import { ensureWorldSplit } from './bench/world-split';
import { nativeRealRunner } from './bench/native-real';
import { REAL_FRAMES_DIR, realFrames, type RealFrame } from './bench/real-frames';
import { runRealBrowser, type RealBrowserResults } from './bench/real-browser';
import type { CaseSpec } from './bench/caption-cases';
import type { CaptionStyle } from '../src/core/bundle/config';
import { ensureBenchVideos, runVideoBench, VIDEO_SERVER_EXTRAS } from './bench/video-run';
import { buildIsStale } from './bench/build-age';
import type { VideoMeasurements } from '../src/bench/video-types';
import type { HubMeasurements } from '../src/bench/hub-types';
import { hubNotes } from '../src/bench/hub-report';
import { HUB_SECTION_TITLE, hubTable } from '../src/bench/hub-markdown';
import { runHubBench } from './bench/hub-run';
import { HUB_PICTURES, pictureDataUrl } from './bench/hub-pictures';

/** The test build (`--mode e2e`: window.__glance, src/testing/README.md), which the browser runs. */
const APP_DIR = '.cache/bench-dist';
/** The app's own build, whose JS size the report gives (the test build's hooks would add to it). */
const SIZE_DIR = '.cache/bench-app-dist';
const WEBCAM_Y4M = '.cache/bench-webcam.y4m';
/** OpenCV's pedestrian clip at 640x480 (`npm run photos:vtest`): the real-world model's fake webcam. */
const VTEST_Y4M = '.cache/real-photos/vtest-640x480.y4m';
/** World images the hub fixtures caption, beside hub-pictures.ts's: a handful is enough for a check. */
const HUB_WORLD_IMAGES = 2;
/** The name the app loads its default model by (src/common/shipped-models.ts): served from --real-model. */
const REAL_BUNDLE_NAME = 'glance-real-v1';

const { values } = parseCli(import.meta.url, {
  options: {
    model: { type: 'string', default: 'public/models/glance-world-v3' },
    data: { type: 'string', default: 'data/world/test' },
    images: { type: 'string' },
    'nocache-images': { type: 'string' },
    runs: { type: 'string', default: '1' },
    warmup: { type: 'string' },
    threads: { type: 'string', default: '2' },
    'live-seconds': { type: 'string' },
    'live-frames': { type: 'string' },
    'live-warmup': { type: 'string' },
    'live-settle': { type: 'string' },
    'live-style': { type: 'string', default: 'short' },
    'live-source': { type: 'string', default: 'demo' },
    'no-live': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
    webgpu: { type: 'string' },
    'ua-memory': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'real-model': { type: 'string', default: 'public/models/glance-real-v1' },
    'real-images': { type: 'string' },
    'no-real': { type: 'boolean', default: false },
    'no-video': { type: 'boolean', default: false },
    'no-video-long': { type: 'boolean', default: false },
    'video-runs': { type: 'string' },
    'sampling-rounds': { type: 'string' },
    only: { type: 'string' },
    chromium: { type: 'string', default: CHROMIUM_PATH },
    out: { type: 'string', default: 'reports' },
    quick: { type: 'boolean', default: false },
    'no-hub': { type: 'boolean', default: false },
    'hub-runs': { type: 'string' },
  },
});

/** Defaults of a full run and of --quick (an explicit option wins over either). */
const DEFAULTS = {
  full: {
    images: '12',
    nocache: '4',
    warmup: '2',
    liveSeconds: '60',
    realImages: '12',
    webgpu: 'auto',
    settle: 20,
    videoRuns: '1',
    videoLong: true,
    samplingRounds: '3',
    hubRuns: '3',
    laterLoads: 3,
    video: true,
    hub: true,
  },
  quick: {
    images: '4',
    nocache: '0',
    warmup: '1',
    liveSeconds: '8',
    realImages: '2',
    webgpu: 'off',
    settle: 3,
    videoRuns: '1',
    videoLong: false,
    samplingRounds: '1',
    hubRuns: '1',
    laterLoads: 2,
    video: false,
    hub: false,
  },
};
const defaults = values.quick ? DEFAULTS.quick : DEFAULTS.full;

function count(name: string, text: string | undefined, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`);
  return n;
}

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T {
  if (!allowed.includes(text as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return text as T;
}

function run(command: string, args: string[]): void {
  // Vite's note about the native config loader is not the bench's business.
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.signal ?? `exit ${result.status}`})`);
}

/** The part running now, so that each part's wall time is printed when the next starts (where --quick goes). */
let running: { message: string; at: number } | null = null;

function step(message: string): void {
  if (running) console.log(`   (${((performance.now() - running.at) / 1000).toFixed(1)} s)`);
  console.log(`\n== ${message}`);
  running = { message, at: performance.now() };
}

async function main(): Promise<void> {
  const started = performance.now();
  const onlyVideo = values.only === undefined ? false : oneOf('only', values.only, ['video'] as const) === 'video';
  if (onlyVideo && (values['no-video'] || values['no-browser'])) {
    throw new Error('--only video with --no-video or --no-browser leaves nothing to run');
  }
  // --quick leaves the video files and the hub fixtures out unless their runs are asked for (--video-runs, --hub-runs).
  const videoOn =
    !values['no-video'] && !values['no-browser'] && (defaults.video || onlyVideo || values['video-runs'] !== undefined);
  const model = values.model!;
  const dataDir = values.data!;
  const settings = {
    images: count('images', values.images ?? defaults.images),
    noCacheImages: count('nocache-images', values['nocache-images'] ?? defaults.nocache, 0),
    runs: count('runs', values.runs),
    warmup: count('warmup', values.warmup ?? defaults.warmup, 0),
    threads: count('threads', values.threads),
    liveSeconds: count('live-seconds', values['live-seconds'] ?? defaults.liveSeconds),
    liveFrames: values['live-frames'] === undefined ? null : count('live-frames', values['live-frames']),
    // Captions let through before a live run's window opens (issue 16 judges memory from caption 200 on).
    liveWarmup: values['live-warmup'] === undefined ? null : count('live-warmup', values['live-warmup'], 0),
    // And seconds, whichever ends later: 0 opens the window at the warm-up's last caption (issue 16's caption 200).
    liveSettle: count('live-settle', values['live-settle'] ?? String(defaults.settle), 0),
    liveStyle: oneOf('live-style', values['live-style'], ['short', 'detailed'] as const),
    liveSource: oneOf('live-source', values['live-source'], ['demo', 'webcam'] as const),
    webgpu: oneOf('webgpu', values.webgpu ?? defaults.webgpu, ['auto', 'off'] as const),
    realImages:
      values['no-real'] || onlyVideo ? 0 : count('real-images', values['real-images'] ?? defaults.realImages, 0),
    video: videoOn,
    videoRuns: count('video-runs', values['video-runs'] ?? defaults.videoRuns, 0),
    samplingRounds: count('sampling-rounds', values['sampling-rounds'] ?? defaults.samplingRounds, 0),
    videoLong: videoOn && defaults.videoLong && !values['no-video-long'],
    hub: !values['no-hub'] && !values['no-browser'] && !onlyVideo && (defaults.hub || values['hub-runs'] !== undefined),
    hubRuns: count('hub-runs', values['hub-runs'] ?? defaults.hubRuns),
    only: values.only ?? 'none',
    quick: values.quick!,
  };
  if (!existsSync(join(model, 'config.json'))) {
    throw new Error(
      `${model}/config.json not found: give a bundle folder with --model (e.g. src/node/__fixtures__/tiny-bundle)`,
    );
  }
  const notes: string[] = [
    'The machine is shared with other work (see the load averages): medians move by 10-30 % between runs.',
    ...(values.quick
      ? ['A --quick run: small samples and short live runs, a check rather than figures to quote.']
      : []),
  ];
  if (values['no-browser'] && !values['no-video']) notes.push('Video files not benched: they need the browser.');
  if (values['no-browser'] && !values['no-hub']) notes.push('Hub fixtures not benched: they need the browser.');
  if (onlyVideo) notes.push('Only the video part ran (--only video): the other figures are not measured.');
  const machine = machineFacts();
  // --only video needs no world data: no split is generated or read.
  const generatedS = onlyVideo ? null : ensureWorldSplit(dataDir);
  if (generatedS !== null) notes.push(`${dataDir} was generated first, in ${generatedS.toFixed(1)} s.`);
  const dataset = onlyVideo
    ? { images: [] }
    : readCocoCaptions(JSON.parse(readFileSync(join(dataDir, 'captions.json'), 'utf8')));
  const inputs = dataset.images.slice(0, settings.images);
  const cases = [...MAIN_CASES, ...UNDRAFTED_CASES, ...NO_CACHE_CASES];

  const images = inputs.map((image) => ({
    name: image.fileName,
    bytes: new Uint8Array(readFileSync(join(dataDir, image.fileName))),
  }));
  const { runs, warmup, threads, noCacheImages } = settings;
  const realModel = values['real-model']!;
  const real = values['no-real'] || onlyVideo ? null : prepareReal(realModel, settings.realImages, notes);
  // The Video place captions with the app's default model, the real-world one: it must be served.
  let videoReady = videoOn && realBundleReady(realModel, notes, 'Video files');
  if (videoReady) {
    const missing = ensureBenchVideos(settings.videoLong);
    if (missing) notes.push(`Video files not benched: ${missing}.`);
    videoReady = missing === null;
  }
  /** Every case on every image, native and browser runners interleaved (interleave.ts). */
  const timeCaptions = async (browserRunners: CaptionRunner[]): Promise<CaptionCase[]> => {
    const runners = [...(values['no-native'] ? [] : [await nativeRunner(model, images, threads)]), ...browserRunners];
    step(
      `per caption: ${runners.map((r) => r.runtime).join(' and ')} interleaved, ` +
        `${inputs.length} images x ${runs} runs, ${threads} threads natively`,
    );
    try {
      return await interleaveCases(runners, {
        images: inputs.length,
        cases,
        runs,
        warmup,
        noCacheImages,
        onProgress: (done, total) => {
          if (done % 4 === 0 || done === total) console.log(`  ${done}/${total} images`);
        },
      });
    } finally {
      for (const runner of runners) await runner.dispose();
    }
  };

  /** The real-world model's cases: the same interleaving, its own frames and engine (native-real.ts). */
  const timeRealCaptions = async (browserRunners: CaptionRunner[]): Promise<CaptionCase[]> => {
    if (!real || real.frames.length === 0) return [];
    const runners = [
      ...(values['no-native'] ? [] : [await nativeRealRunner(realModel, real.frames, threads)]),
      ...browserRunners,
    ];
    step(
      `real-world model per caption: ${runners.map((r) => r.runtime).join(' and ')} interleaved, ` +
        `${real.frames.length} frames 640x480 x ${runs} runs`,
    );
    try {
      const out = await interleaveCases(runners, {
        images: real.frames.length,
        cases: realCases(settings.liveStyle),
        runs,
        warmup,
        noCacheImages: 0,
        onProgress: (done, total) => {
          if (done % 4 === 0 || done === total) console.log(`  ${done}/${total} frames`);
        },
      });
      return out.map((c) => ({ model: 'real' as const, ...c }));
    } finally {
      for (const runner of runners) await runner.dispose();
    }
  };
  const measured: CaptionCase[] = [];
  let browser: BrowserResults | null = null;
  let realBrowser: RealBrowserResults | null = null;
  let video: VideoMeasurements | null = null;
  let hub: HubMeasurements | null = null;
  let jsSize = null;
  if (values['no-browser']) {
    measured.push(...(await timeCaptions([])));
    measured.push(...(await timeRealCaptions([])));
  } else {
    // --only video needs the test build alone (no JS size).
    const dirs = onlyVideo ? [APP_DIR] : [APP_DIR, SIZE_DIR];
    const reuse = values['no-build'] || (values.quick && dirs.every((dir) => !buildIsStale(dir)));
    if (reuse && values.quick) notes.push(`The builds in ${dirs.join(' and ')} were reused (--quick).`);
    if (!reuse) {
      step(`building the test build into ${APP_DIR}` + (onlyVideo ? '' : ` and the app into ${SIZE_DIR}`));
      run('npx', ['vite', 'build', '--mode', 'e2e', '--outDir', APP_DIR, '--emptyOutDir', '--logLevel', 'warn']);
      if (!onlyVideo) run('npx', ['vite', 'build', '--outDir', SIZE_DIR, '--emptyOutDir', '--logLevel', 'warn']);
    }
    if (!onlyVideo) jsSize = measureJsSize(SIZE_DIR);
    if (!existsSync(values.chromium!)) run('node', ['scripts/ensure-chromium.mjs']);
    machine.chromium = chromiumVersion(values.chromium!);
    let y4m: string | null = null;
    if (settings.liveSource === 'webcam') {
      if (!existsSync(WEBCAM_Y4M)) run('npx', ['tsx', 'scripts/world-y4m.ts', '--out', WEBCAM_Y4M, '--seconds', '28']);
      y4m = WEBCAM_Y4M;
    }
    const server = await startBenchServer({
      appDir: APP_DIR,
      bundleDir: model,
      bundles: real || videoReady ? { [REAL_BUNDLE_NAME]: realModel } : {},
      extraDirs: { '/world/': dataDir, '/real/': REAL_FRAMES_DIR, ...VIDEO_SERVER_EXTRAS.extraDirs },
      pages: VIDEO_SERVER_EXTRAS.pages,
    });
    try {
      if (!onlyVideo) {
        step(
          `browser: Chromium, the built app's worker, WASM: cold and warm load, live run ` +
            `(${settings.liveFrames ? `${settings.liveFrames} captions` : `${settings.liveSeconds} s`})`,
        );
        browser = await runBrowser({
          executablePath: values.chromium!,
          origin: server.origin,
          imageUrls: inputs.map((image) => `/world/${image.fileName}`),
          timeCaptions,
          live: values['no-live']
            ? null
            : {
                source: settings.liveSource,
                style: settings.liveStyle,
                seconds: settings.liveSeconds,
                frames: settings.liveFrames,
                warmupCaptions: settings.liveWarmup ?? 20,
                settleSeconds: settings.liveSettle,
                memoryEverySeconds: 15,
                y4m,
              },
          webgpu: settings.webgpu,
          userAgentMemory: values['ua-memory']!,
          laterLoads: defaults.laterLoads,
        });
        measured.push(...browser.cases);
        notes.push(...browser.notes);
        if (real && real.y4m === null) {
          // No clip for the webcam: the real-world model's loads and live run cannot be measured; native only.
          measured.push(...(await timeRealCaptions([])));
        } else if (real) {
          const liveOn = !values['no-live'];
          step(
            `browser, real-world model: its own Chromium, fake webcam ${real.y4m ?? '(none)'}: cold and warm load` +
              (liveOn
                ? `, live run (${settings.liveFrames ? `${settings.liveFrames} captions` : `${settings.liveSeconds} s`})`
                : ''),
          );
          realBrowser = await runRealBrowser({
            executablePath: values.chromium!,
            origin: server.origin,
            y4m: real.y4m!,
            imageUrls: real.frames.map((f) => `/real/${f.name}.png`),
            style: settings.liveStyle,
            timeCaptions: real.frames.length > 0 ? timeRealCaptions : null,
            live: liveOn
              ? {
                  seconds: settings.liveSeconds,
                  frames: settings.liveFrames,
                  warmupCaptions: settings.liveWarmup ?? 10,
                  settleSeconds: settings.liveSettle,
                  memoryEverySeconds: 15,
                }
              : null,
            userAgentMemory: values['ua-memory']!,
            laterLoads: defaults.laterLoads,
          });
          measured.push(...realBrowser.cases);
          notes.push(...realBrowser.notes);
        }
        if (settings.hub) {
          const { liveStyle: style, hubRuns: runs } = settings;
          hub = await timeHub(server.origin, inputs.slice(0, HUB_WORLD_IMAGES), { style, runs, warmup }, notes);
        }
      }
      if (videoReady) {
        step(
          `video files: the Video place with the default model` +
            (settings.videoRuns ? `, the 60 s clip x ${settings.videoRuns}` : '') +
            (settings.videoLong ? ', the 10-minute clip with memory readings' : '') +
            (settings.samplingRounds
              ? `, then seeking against WebCodecs (${settings.samplingRounds} round${settings.samplingRounds === 1 ? '' : 's'})`
              : ''),
        );
        video = await runVideoBench({
          executablePath: values.chromium!,
          origin: server.origin,
          runs: settings.videoRuns,
          long: settings.videoLong,
          samplingRounds: settings.samplingRounds,
          memoryEverySeconds: 10,
          log: (line) => console.log(line),
        });
      }
    } finally {
      await server.close();
    }
  }

  machine.loadAverageEnd = loadAverage();
  const measurements: BenchMeasurements = {
    ...emptyMeasurements(),
    machine,
    bundle: model,
    settings: Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v ?? 'none'])),
    cases: measured,
    live: browser?.live ?? null,
    load: browser?.load ?? { cold: null, warm: null },
    jsSize,
    webgpu: browser?.webgpu ?? { state: 'not checked', adapter: null },
    real: real
      ? {
          bundle: realModel,
          frames:
            `${real.frames.length} labelled real photos (scripts/real-photos/labels.json order), ` +
            'centre-cropped to 4:3 and resampled to 640x480',
          live: realBrowser?.live ?? null,
          load: realBrowser?.load ?? { cold: null, warm: null },
        }
      : null,
    video,
    hub,
    durationS: (performance.now() - started) / 1000,
    notes: [
      ...notes,
      `The world bundle is ${basename(model)}` +
        (real ? `, the real-world bundle ${basename(realModel)}` : '') +
        '; load timings use a local server (no network latency).',
    ],
  };
  const report = buildBenchReport(measurements);

  step('results');
  console.log(textTable(casesTable(report.cases)));
  console.log('\n' + textTable(ratiosTable(report)));
  if (report.video) {
    console.log('\n' + textTable(videoRunsTable(report.video.runs)));
    if (report.video.sampling) console.log('\n' + textTable(samplingTable(report.video.sampling)));
  }
  if (report.hub) console.log(`\n${HUB_SECTION_TITLE}\n` + textTable(hubTable(report.hub, report.cases)));
  console.log('\n' + textTable(targetsTable(report.targets)));
  console.log('\n' + benchSummary(report).join('\n'));
  const files = writeReport(values.out!, report.date, 'bench', report, benchMarkdown(report));
  console.log(`\nwrote ${files.join(' and ')} (${report.durationS.toFixed(0)} s)`);
}

/**
 * The hub fixtures on the first world images, in the Live view's style; a family that fails is a note (and a
 * row without figures), and a run that cannot start at all (no Chromium, no fixtures) is one note.
 */
async function timeHub(
  origin: string,
  images: readonly { fileName: string }[],
  { style, runs, warmup }: { style: CaptionStyle; runs: number; warmup: number },
  notes: string[],
): Promise<HubMeasurements | null> {
  const what = `${images.length} world images and ${HUB_PICTURES.length} colour pictures (scripts/bench/hub-pictures.ts)`;
  step(`hub fixtures: transformers.js in the app's worker, WASM, ${what} x ${runs} runs`);
  try {
    const families = await runHubBench({
      executablePath: values.chromium!,
      origin,
      imageUrls: [...images.map((image) => `/world/${image.fileName}`), ...HUB_PICTURES.map(pictureDataUrl)],
      runs,
      warmup,
      style,
      log: (line) => console.log(line),
    });
    notes.push(...hubNotes({ families }));
    return { inputs: `${what} x ${runs} run${runs === 1 ? '' : 's'}`, style, families };
  } catch (error) {
    notes.push(`Hub fixtures not benched: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * The real-world model's cases, in the Live view's style: coarse only and coarse + refined as still images (two
 * glance views), and coarse + refined as live frames.
 */
function realCases(style: CaseSpec['style']): CaseSpec[] {
  return [
    ...[false, true].map((refine) => ({ style, refine, useCache: true })),
    { style, refine: true, useCache: true, stream: true },
  ];
}

/**
 * Checks the real-world bundle (its ONNX files come from `npm run models:real`), makes the 640x480 frames and
 * finds the vtest clip; what is missing is skipped with a note rather than failing the world's bench.
 */
function prepareReal(
  bundle: string,
  images: number,
  notes: string[],
): { frames: RealFrame[]; y4m: string | null } | null {
  if (!realBundleReady(bundle, notes, 'Real-world model')) return null;
  let frames: RealFrame[] = [];
  if (images > 0) {
    const made = realFrames(images);
    if ('missing' in made) notes.push(`Real-world model: no per-caption timings: ${made.missing}.`);
    else frames = made.frames;
  }
  let y4m: string | null = VTEST_Y4M;
  if (!existsSync(VTEST_Y4M)) {
    notes.push(`Real-world model: ${VTEST_Y4M} not found (npm run photos:vtest): no load or live run.`);
    y4m = null;
  }
  return { frames, y4m };
}

/** The real-world bundle is there, its ONNX files converted when missing (`npm run models:real`); else a note. */
function realBundleReady(bundle: string, notes: string[], what: string): boolean {
  if (!existsSync(join(bundle, 'config.json'))) {
    notes.push(`${what} not benched: ${bundle}/config.json not found.`);
    return false;
  }
  if (!existsSync(join(bundle, 'onnx', 'detector.onnx'))) {
    step(`${bundle}/onnx is missing: converting the models (npm run models:real)`);
    run('npx', ['tsx', 'scripts/tfjs-onnx/build.ts']);
  }
  return true;
}

function emptyMeasurements(): BenchMeasurements {
  return {
    date: today(),
    machine: machineFacts(),
    bundle: '',
    settings: {},
    cases: [],
    live: null,
    load: { cold: null, warm: null },
    jsSize: null,
    webgpu: { state: 'not checked', adapter: null },
    durationS: 0,
    notes: [],
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
