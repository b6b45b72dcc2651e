/**
 * `npm run bench`: how fast Glance is on this machine, in one run: per-caption timings natively
 * (onnxruntime-node) and in headless Chromium through the built app's worker (WASM with its threads), by stage;
 * refinement overhead, browser/native and KV-cache ratios; a live run of the Live view; cold and warm load to
 * the first caption; the app's JS size. Writes <out>/<date>/bench.{json,md}. See docs/eval-bench.md.
 *
 *   npm run bench -- [--model public/models/glance-world-v1] [--images 12] [--nocache-images 4] [--runs 1]
 *                    [--warmup 2] [--threads 2] [--live-seconds 60]
 *                    [--live-frames N] [--live-style short] [--live-source demo|webcam] [--no-live]
 *                    [--no-browser] [--no-native] [--webgpu auto|off] [--ua-memory] [--no-build] [--out reports]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchMarkdown, benchSummary, casesTable, ratiosTable, targetsTable } from '../src/bench/bench-markdown';
import { buildBenchReport } from '../src/bench/bench-report';
import type { BenchMeasurements, CaptionCase } from '../src/bench/bench-types';
import { textTable } from '../src/bench/table';
import { readCocoCaptions } from '../src/eval/coco';
import { runBrowser, type BrowserResults } from './bench/browser';
import { MAIN_CASES, NO_CACHE_CASES } from './bench/caption-cases';
import { CHROMIUM_PATH } from './chromium-flags';
import { measureJsSize } from './bench/js-size';
import { chromiumVersion, loadAverage, machineFacts, today } from './bench/machine';
import { interleaveCases, type CaptionRunner } from './bench/interleave';
import { nativeRunner } from './bench/native';
import { writeReport } from './bench/report-files';
import { startBenchServer } from './bench/static-server';
import { ensureWorldSplit } from './bench/world-split';

const APP_DIR = '.cache/bench-dist';
const ORT_MODULE = 'node_modules/onnxruntime-web/dist/ort.min.mjs';
const WEBCAM_Y4M = '.cache/bench-webcam.y4m';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'public/models/glance-world-v1' },
    data: { type: 'string', default: 'data/world/test' },
    images: { type: 'string', default: '12' },
    'nocache-images': { type: 'string', default: '4' },
    runs: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    'live-seconds': { type: 'string', default: '60' },
    'live-frames': { type: 'string' },
    'live-style': { type: 'string', default: 'short' },
    'live-source': { type: 'string', default: 'demo' },
    'no-live': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
    webgpu: { type: 'string', default: 'auto' },
    'ua-memory': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    chromium: { type: 'string', default: CHROMIUM_PATH },
    out: { type: 'string', default: 'reports' },
  },
});

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

function step(message: string): void {
  console.log(`\n== ${message}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const model = values.model!;
  const dataDir = values.data!;
  const settings = {
    images: count('images', values.images),
    noCacheImages: count('nocache-images', values['nocache-images'], 0),
    runs: count('runs', values.runs),
    warmup: count('warmup', values.warmup, 0),
    threads: count('threads', values.threads),
    liveSeconds: count('live-seconds', values['live-seconds']),
    liveFrames: values['live-frames'] === undefined ? null : count('live-frames', values['live-frames']),
    liveStyle: oneOf('live-style', values['live-style'], ['short', 'detailed'] as const),
    liveSource: oneOf('live-source', values['live-source'], ['demo', 'webcam'] as const),
    webgpu: oneOf('webgpu', values.webgpu, ['auto', 'off'] as const),
  };
  if (!existsSync(join(model, 'config.json'))) {
    throw new Error(
      `${model}/config.json not found: give a bundle folder with --model (e.g. src/node/__fixtures__/tiny-bundle)`,
    );
  }
  const notes: string[] = [
    'The machine is shared with other work (see the load averages): medians move by 10-30 % between runs.',
  ];
  const machine = machineFacts();
  const generatedS = ensureWorldSplit(dataDir);
  if (generatedS !== null) notes.push(`${dataDir} was generated first, in ${generatedS.toFixed(1)} s.`);
  const dataset = readCocoCaptions(JSON.parse(readFileSync(join(dataDir, 'captions.json'), 'utf8')));
  const inputs = dataset.images.slice(0, settings.images);
  const cases = [...MAIN_CASES, ...NO_CACHE_CASES];

  const images = inputs.map((image) => ({
    name: image.fileName,
    bytes: new Uint8Array(readFileSync(join(dataDir, image.fileName))),
  }));
  const { runs, warmup, threads, noCacheImages } = settings;
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

  const measured: CaptionCase[] = [];
  let browser: BrowserResults | null = null;
  let jsSize = null;
  if (values['no-browser']) {
    measured.push(...(await timeCaptions([])));
  } else {
    if (!values['no-build']) {
      step(`building the app into ${APP_DIR}`);
      run('npx', ['vite', 'build', '--outDir', APP_DIR, '--emptyOutDir', '--logLevel', 'warn']);
    }
    jsSize = measureJsSize(APP_DIR, ORT_MODULE);
    if (!existsSync(values.chromium!)) run('node', ['scripts/ensure-chromium.mjs']);
    machine.chromium = chromiumVersion(values.chromium!);
    let y4m: string | null = null;
    if (settings.liveSource === 'webcam') {
      if (!existsSync(WEBCAM_Y4M)) run('npx', ['tsx', 'scripts/world-y4m.ts', '--out', WEBCAM_Y4M, '--seconds', '28']);
      y4m = WEBCAM_Y4M;
    }
    const server = await startBenchServer({ appDir: APP_DIR, bundleDir: model, extraDirs: { '/world/': dataDir } });
    try {
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
              warmupCaptions: 20,
              settleSeconds: 20,
              memoryEverySeconds: 15,
              y4m,
            },
        webgpu: settings.webgpu,
        userAgentMemory: values['ua-memory']!,
      });
    } finally {
      await server.close();
    }
    measured.push(...browser.cases);
    notes.push(...browser.notes);
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
    durationS: (performance.now() - started) / 1000,
    notes: [...notes, `The bundle is ${basename(model)}; load timings use a local server (no network latency).`],
  };
  const report = buildBenchReport(measurements);

  step('results');
  console.log(textTable(casesTable(report.cases)));
  console.log('\n' + textTable(ratiosTable(report)));
  console.log('\n' + textTable(targetsTable(report.targets)));
  console.log('\n' + benchSummary(report).join('\n'));
  const files = writeReport(values.out!, report.date, 'bench', report, benchMarkdown(report));
  console.log(`\nwrote ${files.join(' and ')} (${report.durationS.toFixed(0)} s)`);
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
