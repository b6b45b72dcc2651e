/**
 * The Video place (issue 18) in the bench: the built test app in a Chromium of its own, a fresh profile with no
 * remembered model (so the default real-world model loads), WASM, the default options. (a) The 60 s clip with 10
 * scene changes, picked through the place's file input, timed from the input's change event to the job panel's end
 * phase, its JSON export compared with the clip's true cuts; `runs` times (a reload between runs, the model then
 * coming from the Cache API). (b) The 10-minute clip in a context of its own, memory read every ~10 s during the job
 * after a garbage collection: the renderer processes' private memory from /proc (WASM and the video decoder
 * included) and the page's and the worker's JS heaps over CDP. (c) Seeking a <video> against WebCodecs
 * (video-sampling.ts). One heavy thing at a time, in that order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type {
  VideoMeasurements,
  VideoMemorySample,
  VideoRun,
  VideoScene,
  VideoShot,
} from '../../src/bench/video-types';
import { parseDoneText } from '../../src/bench/video-report';
import { CHROMIUM_ARGS } from '../chromium-flags';
import { loadAverage } from './machine';
import { memorySnapshot, WorkerCdp, type MemoryProbe } from './memory';
import { installBenchHooks, NAME_SHIM } from './page-hooks';
import {
  compareSampling,
  MP4BOX_DIR,
  MP4BOX_PREFIX,
  SAMPLING_PAGE,
  SAMPLING_PAGE_HTML,
  VIDEOS_PREFIX,
} from './video-sampling';

/** `npm run videos:test -- --bench` writes here (scripts/video/README.md). */
export const VIDEOS_DIR = '.cache/videos';
export const CLIP_60S = 'bench-60s.mp4';
export const CLIP_10MIN = 'bench-10min.mp4';
/** The Video place with the app's default model (nothing named, nothing remembered), WASM. */
const VIDEO_PATH = '/?backend=wasm#/video';

/** What the static server must also serve for the sampling page (static-server.ts `extraDirs` and `pages`). */
export const VIDEO_SERVER_EXTRAS = {
  extraDirs: { [MP4BOX_PREFIX]: MP4BOX_DIR, [VIDEOS_PREFIX]: VIDEOS_DIR },
  pages: { [SAMPLING_PAGE]: SAMPLING_PAGE_HTML },
};

export interface VideoBenchOptions {
  executablePath: string;
  /** The bench server's origin: the test build, /models/glance-real-v1/, and VIDEO_SERVER_EXTRAS. */
  origin: string;
  /** Runs of the 60 s clip (at least 1). */
  runs: number;
  /** Also the 10-minute clip with its memory readings. */
  long: boolean;
  /** Interleaved rounds of the sampling comparison; 0: none. */
  samplingRounds: number;
  memoryEverySeconds: number;
  log: (line: string) => void;
}

/**
 * Makes the bench clips when one is missing (`npm run videos:test -- --bench`; needs ffmpeg and the real photos).
 * Returns null when they are there, else why they are not.
 */
export function ensureBenchVideos(needLong: boolean): string | null {
  const wanted = [CLIP_60S, 'bench-60s.json', ...(needLong ? [CLIP_10MIN, 'bench-10min.json'] : [])];
  if (wanted.every((f) => existsSync(join(VIDEOS_DIR, f)))) return null;
  console.log(`\n== ${VIDEOS_DIR} lacks the bench clips: making them (npm run videos:test -- --bench)`);
  const result = spawnSync('npx', ['tsx', 'scripts/video/make-videos.ts', '--bench'], { stdio: 'inherit' });
  if (result.status !== 0) return `npm run videos:test -- --bench failed (${result.signal ?? `exit ${result.status}`})`;
  const missing = wanted.filter((f) => !existsSync(join(VIDEOS_DIR, f)));
  return missing.length ? `still missing after npm run videos:test -- --bench: ${missing.join(', ')}` : null;
}

interface Sidecar {
  durationSec: number;
  segments: { startSec: number; endSec: number; photo: string; labels: string[] }[];
}

function clipTruth(file: string): { durationSec: number; shots: VideoShot[] } {
  const sidecar = JSON.parse(readFileSync(join(VIDEOS_DIR, file.replace(/\.mp4$/, '.json')), 'utf8')) as Sidecar;
  return {
    durationSec: sidecar.durationSec,
    shots: sidecar.segments.map(({ startSec, endSec, photo, labels }) => ({ startSec, endSec, photo, labels })),
  };
}

/** The page's view of a job: set by the init script below. */
interface VideoPageState {
  pickedAt: number | null;
  endedAt: number | null;
  phase: string | null;
}

/**
 * Runs in the page before its scripts: notes when a file is picked (the file input's change event, in the capture
 * phase so before the app's handler) and when the job panel first shows an end phase after it.
 */
function installVideoHooks(): void {
  const state: VideoPageState = { pickedAt: null, endedAt: null, phase: null };
  (window as unknown as { __videoBench: VideoPageState }).__videoBench = state;
  document.addEventListener(
    'change',
    (event) => {
      if ((event.target as Element | null)?.getAttribute?.('data-testid') !== 'file-input') return;
      state.pickedAt = performance.now();
      state.endedAt = null;
      state.phase = null;
    },
    true,
  );
  new MutationObserver(() => {
    if (state.pickedAt === null || state.endedAt !== null) return;
    const phase = document.querySelector('[data-testid=video-job]')?.getAttribute('data-phase');
    if (phase === 'done' || phase === 'failed' || phase === 'cancelled') {
      state.endedAt = performance.now();
      state.phase = phase;
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
}

async function newVideoContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript(installBenchHooks);
  await context.addInitScript(installVideoHooks);
  return context;
}

/** Opens (or reloads) the Video place and waits until its model is ready; returns the model's name. */
async function openVideoPlace(page: Page, url: string | null): Promise<string | null> {
  if (url) await page.goto(url, { waitUntil: 'commit' });
  else await page.reload({ waitUntil: 'commit' });
  await page
    .locator('[data-testid=video-place] [data-testid=model-status][data-state=ready]')
    .waitFor({ state: 'attached', timeout: 180_000 });
  const info = await page.evaluate(() => window.__glance!.client.info());
  return info.bundle?.name ?? null;
}

async function exportedScenes(page: Page): Promise<{ scenes: VideoScene[]; sampleIntervalSec: number | null }> {
  const job = page.locator('[data-testid=video-place] [data-testid=video-job]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    job.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  // The browser is remote (a browser server): its download is read as a stream, there is no local path.
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const track = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    options?: { sampleIntervalSec?: number };
    scenes: VideoScene[];
  };
  return {
    scenes: track.scenes.map(({ startSec, endSec, frameSec, coarse, refined }) => ({
      startSec,
      endSec,
      frameSec,
      coarse,
      refined,
    })),
    sampleIntervalSec: track.options?.sampleIntervalSec ?? null,
  };
}

/** Picks `file`, waits for the job's end (reading memory meanwhile when `probe` is given) and collects the run. */
async function videoJob(
  page: Page,
  file: string,
  probe: MemoryProbe | null,
  memoryEveryMs: number,
  log: (line: string) => void,
): Promise<VideoRun> {
  const truth = clipTruth(file);
  const timeoutMs = truth.durationSec * 2000 + 180_000;
  await page.locator('[data-testid=video-place] [data-testid=file-input]').setInputFiles(join(VIDEOS_DIR, file));
  const startedNode = performance.now();
  const memory: VideoMemorySample[] = [];
  let nextRead = startedNode;
  for (;;) {
    const now = await page.evaluate(() => {
      const s = (window as unknown as { __videoBench: VideoPageState }).__videoBench;
      const value = document.querySelector('[data-testid=video-progress]')?.getAttribute('aria-valuenow');
      return {
        atMs: s.pickedAt === null ? 0 : performance.now() - s.pickedAt,
        ended: s.endedAt !== null,
        refused: document.querySelector('[data-testid=video-refused]')?.textContent ?? null,
        videoSec: value ? Number(value) : null,
        captions: window.__bench?.captions.length ?? 0,
      };
    });
    if (now.ended) break;
    if (now.refused) throw new Error(`${file} was refused: ${now.refused}`);
    if (performance.now() - startedNode > timeoutMs) {
      throw new Error(`${file}: the job did not end within ${(timeoutMs / 1000).toFixed(0)} s`);
    }
    if (probe && performance.now() >= nextRead) {
      const snapshot = await memorySnapshot(probe, now.atMs, now.captions);
      memory.push({
        atMs: now.atMs,
        videoSec: now.videoSec,
        rendererPrivateBytes: snapshot.rendererPrivateBytes,
        workerHeapBytes: snapshot.workerHeapBytes,
        pageHeapBytes: snapshot.pageHeapBytes,
      });
      const mb = (b: number | null) => (b === null ? '?' : (b / 1e6).toFixed(1));
      log(
        `  ${(now.atMs / 1000).toFixed(0).padStart(4)} s  video ${now.videoSec?.toFixed(1) ?? '?'} s` +
          `  renderer ${mb(snapshot.rendererPrivateBytes)} MB  worker heap ${mb(snapshot.workerHeapBytes)} MB`,
      );
      nextRead += memoryEveryMs;
    }
    await page.waitForTimeout(probe ? 250 : 100);
  }
  const state = await page.evaluate(() => {
    const s = (window as unknown as { __videoBench: VideoPageState }).__videoBench;
    const bench = window.__bench!;
    const from = s.pickedAt!;
    const to = s.endedAt!;
    return {
      wallMs: to - from,
      phase: s.phase as VideoRun['phase'],
      captionMs: bench.captions.filter((c) => c.start >= from && c.end <= to + 1).map((c) => c.end - c.start),
      captionTimings: bench.captions
        .filter((c) => c.start >= from && c.end <= to + 1 && c.timings)
        .map((c) => c.timings!),
      longTasksMs: bench.longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration),
      text: document.querySelector('[data-testid=video-job] .video-status')?.textContent ?? '',
    };
  });
  let memoryAfter: VideoMemorySample | null = null;
  if (probe) {
    // One reading once the job has ended and let go of the file (not part of the trend, which is the job's).
    const snapshot = await memorySnapshot(probe, state.wallMs, state.captionMs.length);
    memoryAfter = {
      atMs: state.wallMs,
      videoSec: truth.durationSec,
      rendererPrivateBytes: snapshot.rendererPrivateBytes,
      workerHeapBytes: snapshot.workerHeapBytes,
      pageHeapBytes: snapshot.pageHeapBytes,
    };
  }
  const exported = state.phase === 'done' ? await exportedScenes(page) : { scenes: [], sampleIntervalSec: null };
  return {
    file,
    durationSec: truth.durationSec,
    wallMs: state.wallMs,
    uiElapsedMs: parseDoneText(state.text)?.elapsedMs ?? null,
    phase: state.phase,
    sampleIntervalSec: exported.sampleIntervalSec,
    scenes: exported.scenes,
    shots: truth.shots,
    captionMs: state.captionMs,
    captionTimings: state.captionTimings,
    longTasksMs: state.longTasksMs,
    ...(probe ? { memory, memoryAfter } : {}),
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

function describeRun(run: VideoRun): string {
  const ui = run.uiElapsedMs === null ? '' : ` (UI ${(run.uiElapsedMs / 1000).toFixed(1)} s)`;
  return (
    `  ${run.file}: ${run.phase} in ${(run.wallMs / 1000).toFixed(1)} s${ui}, ${run.scenes.length} scenes ` +
    `for ${run.shots.length} shots, ${run.captionMs.length} captions`
  );
}

export async function runVideoBench(options: VideoBenchOptions): Promise<VideoMeasurements> {
  const start = loadAverage();
  const server = await chromium.launchServer({ executablePath: options.executablePath, args: [...CHROMIUM_ARGS] });
  const browserPid = server.process().pid ?? null;
  const browser = await chromium.connect(server.wsEndpoint());
  const url = `${options.origin}${VIDEO_PATH}`;
  const notes: string[] = [];
  const result: VideoMeasurements = {
    model: null,
    runs: [],
    long: null,
    sampling: null,
    loadAverage: { start, end: start },
    notes,
  };
  try {
    // (a) The 60 s clip. A part that fails is noted and the next one still runs.
    if (options.runs > 0) {
      const context = await newVideoContext(browser);
      try {
        const page = await context.newPage();
        for (let i = 0; i < options.runs; i++) {
          result.model = await openVideoPlace(page, i === 0 ? url : null);
          const run = await videoJob(page, CLIP_60S, null, 0, options.log);
          options.log(describeRun(run));
          result.runs.push(run);
        }
      } catch (error) {
        notes.push(`The 60 s clip's run failed: ${message(error)}`);
      } finally {
        // Its renderer is gone before the long run starts: /proc then reads the long run's alone.
        await context.close();
      }
    }

    // (b) The 10-minute clip, memory read during the job.
    if (options.long) {
      const longContext = await newVideoContext(browser);
      try {
        const longPage = await longContext.newPage();
        result.model = await openVideoPlace(longPage, url);
        const worker = await WorkerCdp.attach(browser, 'captioner.worker');
        if (!worker) notes.push('The captioner worker was not found over CDP: no worker heap figures.');
        const probe: MemoryProbe = {
          page: longPage,
          pageCdp: await longContext.newCDPSession(longPage),
          worker,
          browserPid,
          userAgentSpecific: false,
        };
        result.long = await videoJob(longPage, CLIP_10MIN, probe, options.memoryEverySeconds * 1000, options.log);
        options.log(describeRun(result.long));
      } catch (error) {
        notes.push(`The 10-minute clip's run failed: ${message(error)}`);
      } finally {
        await longContext.close();
      }
    }

    // (c) Seeking against WebCodecs.
    if (options.samplingRounds > 0) {
      result.sampling = await compareSampling(browser, {
        origin: options.origin,
        file: CLIP_60S,
        stepSec: 0.5,
        rounds: options.samplingRounds,
        log: options.log,
      });
      if (result.sampling.error) notes.push(`The sampling comparison stopped: ${result.sampling.error}`);
    }
  } finally {
    result.loadAverage.end = loadAverage();
    await browser.close().catch(() => undefined);
    await server.close();
  }
  return result;
}
