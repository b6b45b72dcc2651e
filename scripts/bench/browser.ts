/**
 * The browser half of the bench, in one headless Chromium (Debian's, flags from PLATFORM.md): cold and warm
 * load of the built app to its first Live caption, the live run, then per-caption timings through the app's
 * worker with WASM (and WebGPU where a real adapter exists).
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { CaptionCase, LiveMeasurement, LoadRuns, LoadTiming, WebGpuStatus } from '../../src/bench/bench-types';
import type { CaptionStyle } from '../../src/core/bundle/config';
import { CHROMIUM_ARGS, fakeCameraArgs, WEBGPU_ARGS } from '../chromium-flags';
import type { CaptionRunner } from './interleave';
import { measureLive, startWebcam, type LiveOptions } from './live-run';
import { WorkerCdp } from './memory';
import { installBenchHooks, NAME_SHIM } from './page-hooks';
import { browserRunner } from './page-cases';

export interface BrowserOptions {
  executablePath: string;
  origin: string;
  /** The bench's input images, as URLs on the app's origin. */
  imageUrls: string[];
  /**
   * Times the per-caption cases once the browser's runners are ready (WASM, and WebGPU where timed); the bench
   * adds the native runner and interleaves them all (interleave.ts).
   */
  timeCaptions: (browserRunners: CaptionRunner[]) => Promise<CaptionCase[]>;
  /** null: no live run. */
  live: (LiveOptions & { y4m: string | null }) | null;
  /** Time WebGPU when the adapter is a real GPU ('auto'), or never ('off'). */
  webgpu: 'auto' | 'off';
  /** Reloads after the first warm one (a returning visitor's load), each timed like it. */
  laterLoads: number;
  userAgentMemory: boolean;
}

export interface BrowserResults {
  cases: CaptionCase[];
  live: LiveMeasurement | null;
  load: LoadRuns;
  webgpu: WebGpuStatus;
  notes: string[];
}

/**
 * The scene-world model's pages: `?model=world` loads it directly (the app's default is the real-world model,
 * and the demo camera would otherwise load the default first and then switch to the world model).
 */
export const WORLD_QUERY = '?backend=wasm&model=world';

/** Runs in the page: the Live view's settings (src/app/common/settings.ts) before the app reads them. */
function settingsScript({ style, source }: { style: CaptionStyle; source: 'demo' | 'webcam' }): void {
  const key = 'glance.settings.v1';
  const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
  // The world runs: the demo camera at load (a webcam run switches after the loads are timed). The real-world
  // runs: the webcam, started by the bench (the demo camera would switch to the world model).
  localStorage.setItem(key, JSON.stringify({ ...stored, refine: true, style, source, speak: false }));
}

/** A fresh profile (no remembered model, empty caches) with the bench's hooks and Live settings. */
export async function newBenchContext(
  browser: Browser,
  style: CaptionStyle,
  source: 'demo' | 'webcam' = 'demo',
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['camera'] });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript(installBenchHooks);
  await context.addInitScript(settingsScript, { style, source });
  return context;
}

/**
 * Waits for the page's first caption after a navigation; times are from navigation start. `start` runs right
 * after the navigation (e.g. pressing Start webcam, which a webcam needs), while the model loads.
 */
export async function firstCaption(
  page: Page,
  navigate: () => Promise<unknown>,
  start?: () => Promise<void>,
): Promise<LoadTiming> {
  await navigate();
  await start?.();
  await page.waitForFunction(
    () => window.__bench?.firstCaptionAt != null || window.__bench?.readyState === 'error',
    null,
    {
      timeout: 180_000,
      polling: 50,
    },
  );
  const state = await page.evaluate(() => window.__bench!);
  if (state.readyState === 'error') throw new Error('the app failed to load its model (see the page for the message)');
  const info = await page.evaluate(() => window.__glance!.client.info());
  return {
    readyMs: state.readyAt!,
    firstCaptionMs: state.firstCaptionAt!,
    cachedFiles: info.bundle?.cachedFiles.length ?? 0,
    warmupMs: info.bundle?.warmupMs ?? null,
    phases: {
      download: state.loadPhases.download ?? null,
      session: state.loadPhases.session ?? null,
      warmup: state.loadPhases.warmup ?? null,
    },
  };
}

export async function stopLive(page: Page): Promise<void> {
  // Another route unmounts the Live view, which stops its loop and cancels the frame in flight.
  await page.evaluate(() => {
    location.hash = '#/embed';
  });
  await page.waitForFunction(async () => (await window.__glance!.client.pendingJobs()).length === 0, null, {
    timeout: 30_000,
    polling: 100,
  });
}

export function webgpuStatus(adapter: { description: string; isFallback: boolean } | null): WebGpuStatus {
  if (!adapter) return { state: 'no adapter', adapter: null };
  if (adapter.isFallback) return { state: 'software adapter only, not timed', adapter: adapter.description };
  return { state: 'timed', adapter: adapter.description };
}

export async function runBrowser(options: BrowserOptions): Promise<BrowserResults> {
  const style = options.live?.style ?? 'short';
  const liveArgs = options.live?.y4m ? fakeCameraArgs(options.live.y4m) : [];
  const server = await chromium.launchServer({
    executablePath: options.executablePath,
    args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS, ...liveArgs],
  });
  const browserPid = server.process().pid ?? null;
  const browser = await chromium.connect(server.wsEndpoint());
  const notes: string[] = [];
  try {
    const context = await newBenchContext(browser, style);
    const page = await context.newPage();
    const url = `${options.origin}/${WORLD_QUERY}#/live`;
    const cold = await firstCaption(page, () => page.goto(url, { waitUntil: 'commit' }));
    const warm = await firstCaption(page, () => page.reload({ waitUntil: 'commit' }));
    if (warm.cachedFiles === 0) notes.push('The warm load found no bundle file in the Cache API.');
    const later: LoadTiming[] = [];
    for (let i = 0; i < options.laterLoads; i++)
      later.push(await firstCaption(page, () => page.reload({ waitUntil: 'commit' })));

    // The live run gets a browser context (so a renderer process) of its own, and the loads' context is closed:
    // Chromium frees a replaced page's memory lazily (the renderer held 400 MB more for its first 15 s), which
    // would read as the live run's memory shrinking.
    const liveContext = await newBenchContext(browser, style);
    await context.close();
    const livePage = await liveContext.newPage();
    await firstCaption(livePage, () => livePage.goto(url, { waitUntil: 'commit' }));
    let live: LiveMeasurement | null = null;
    if (options.live) {
      if (options.live.source === 'webcam') await startWebcam(livePage);
      const probe = {
        page: livePage,
        pageCdp: await liveContext.newCDPSession(livePage),
        worker: await WorkerCdp.attach(browser, 'captioner.worker'),
        browserPid,
        userAgentSpecific: options.userAgentMemory,
      };
      if (!probe.worker) notes.push('The captioner worker was not found over CDP: no worker heap figures.');
      live = await measureLive(livePage, probe, options.live);
    }

    await stopLive(livePage);
    const info = await livePage.evaluate(() => window.__glance!.client.info());
    const runners = [await browserRunner(livePage, 'wasm', options.imageUrls)];
    const webgpu =
      options.webgpu === 'off' ? { state: 'not checked' as const, adapter: null } : webgpuStatus(info.adapter);
    if (webgpu.state === 'timed') {
      const gpuPage = await (await newBenchContext(browser, style)).newPage();
      await gpuPage.goto(`${options.origin}/?backend=webgpu&model=world#/embed`);
      await gpuPage.waitForFunction(() => window.__bench?.readyState != null, null, { timeout: 180_000 });
      runners.push(await browserRunner(gpuPage, 'webgpu', options.imageUrls));
    }
    const cases = await options.timeCaptions(runners);
    return { cases, live, load: { cold, warm, later }, webgpu, notes };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}
