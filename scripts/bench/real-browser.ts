/**
 * The real-world model (glance-real-v1, issue 14) in the browser, in a Chromium of its own whose fake webcam
 * plays OpenCV's vtest clip (pedestrians, 640x480): cold and warm load to the first Live caption, the live run
 * on that webcam, then per-caption timings of 640x480 frames through the app's worker (WASM), interleaved with
 * the native runner as the world model's cases are. Each page is a fresh profile with no remembered model and
 * the webcam as the Live source, so the app's default model, the real-world one, is what loads and runs (the
 * demo camera would switch to the scene-world model: src/app/settings/source-model.ts).
 */
import { chromium } from '@playwright/test';
import type { CaptionCase, LiveMeasurement, LoadRuns, LoadTiming } from '../../src/bench/bench-types';
import type { CaptionStyle } from '../../src/core/bundle/config';
import { CHROMIUM_ARGS, fakeCameraArgs } from '../chromium-flags';
import { firstCaption, newBenchContext, stopLive } from './browser';
import type { CaptionRunner } from './interleave';
import { measureLive, startWebcam, type LiveOptions } from './live-run';
import { WorkerCdp } from './memory';
import { browserRunner } from './page-cases';

export interface RealBrowserOptions {
  executablePath: string;
  origin: string;
  /** The fake webcam's clip (.cache/real-photos/vtest-640x480.y4m). */
  y4m: string;
  /** The 640x480 frames, as URLs on the app's origin. */
  imageUrls: string[];
  style: CaptionStyle;
  /** Adds the native runner and interleaves (as the world's cases); [] when there are no frames to time. */
  timeCaptions: ((browserRunners: CaptionRunner[]) => Promise<CaptionCase[]>) | null;
  /** null: no live run. */
  live: Omit<LiveOptions, 'source' | 'style'> | null;
  userAgentMemory: boolean;
  /** Reloads after the first warm one (a returning visitor's load), each timed like it. */
  laterLoads: number;
}

export interface RealBrowserResults {
  cases: CaptionCase[];
  live: LiveMeasurement | null;
  load: LoadRuns;
  notes: string[];
}

/** The real-world model's pages: the app's default model (nothing named, nothing remembered), WASM. */
const REAL_PATH = '/?backend=wasm#/live';

export async function runRealBrowser(options: RealBrowserOptions): Promise<RealBrowserResults> {
  const server = await chromium.launchServer({
    executablePath: options.executablePath,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(options.y4m)],
  });
  const browserPid = server.process().pid ?? null;
  const browser = await chromium.connect(server.wsEndpoint());
  const notes: string[] = [];
  const url = `${options.origin}${REAL_PATH}`;
  try {
    const context = await newBenchContext(browser, options.style, 'webcam');
    const page = await context.newPage();
    const cold = await firstCaption(
      page,
      () => page.goto(url, { waitUntil: 'commit' }),
      () => startWebcam(page),
    );
    const warm = await firstCaption(
      page,
      () => page.reload({ waitUntil: 'commit' }),
      () => startWebcam(page),
    );
    const later: LoadTiming[] = [];
    for (let i = 0; i < options.laterLoads; i++) {
      later.push(
        await firstCaption(
          page,
          () => page.reload({ waitUntil: 'commit' }),
          () => startWebcam(page),
        ),
      );
    }
    const info = await page.evaluate(() => window.__glance!.client.info());
    if (info.bundle?.modelType !== 'glance-detect') {
      throw new Error(`the real-world pages run ${info.bundle?.name ?? 'no model'}, not a glance-detect bundle`);
    }
    if (warm.cachedFiles === 0) notes.push('Real-world model: the warm load found no bundle file in the Cache API.');
    // As for the world model: the live run and the per-caption cases in a context of their own.
    const liveContext = await newBenchContext(browser, options.style, 'webcam');
    await context.close();
    const livePage = await liveContext.newPage();
    await firstCaption(
      livePage,
      () => livePage.goto(url, { waitUntil: 'commit' }),
      () => startWebcam(livePage),
    );
    let live: LiveMeasurement | null = null;
    if (options.live) {
      const probe = {
        page: livePage,
        pageCdp: await liveContext.newCDPSession(livePage),
        worker: await WorkerCdp.attach(browser, 'captioner.worker'),
        browserPid,
        userAgentSpecific: options.userAgentMemory,
      };
      if (!probe.worker) notes.push('Real-world model: the captioner worker was not found over CDP.');
      live = await measureLive(livePage, probe, { ...options.live, source: 'webcam', style: options.style });
    }
    await stopLive(livePage);
    const cases = options.timeCaptions
      ? await options.timeCaptions([await browserRunner(livePage, 'wasm', options.imageUrls)])
      : [];
    return { cases, live, load: { cold, warm, later }, notes };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}
