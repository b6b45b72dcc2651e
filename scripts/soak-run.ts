/**
 * The browser half of the soak: the built app's Live view captioning the demo camera in headless Chromium
 * until `frames` captions are done, sampled every `sampleEvery` captions after a garbage collection of the page
 * and the worker: the worker's JS heap over CDP, ORT tensors and WebAssembly memory from info().resources, and the
 * page renderer's private memory from /proc (what grew when grabbed frames filled Chromium's image cache).
 */
import { chromium, type Page } from '@playwright/test';
import type { CaptionStyle } from '../src/core/bundle/config';
import { CHROMIUM_ARGS, fakeCameraArgs } from './chromium-flags';
import { startWebcam } from './bench/live-run';
import { WorkerCdp, rendererPrivate } from './bench/memory';
import type { SoakSample } from './soak-bounds';

export interface SoakRunOptions {
  executablePath: string;
  /** The app's origin (a server with COOP/COEP, as `npm start` serves it). */
  origin: string;
  frames: number;
  warmupFrames: number;
  sampleEvery: number;
  style: CaptionStyle;
  /** A .y4m clip played by Chromium's fake webcam, captioned instead of the demo camera; null for the demo. */
  y4m: string | null;
  /** Progress lines (one per sample). */
  log: (line: string) => void;
}

export interface SoakRunResult {
  samples: SoakSample[];
  idle: { liveTensors: number; gpuBuffers: number; pendingJobs: number };
  frames: number;
  errors: number;
  lastError: string | null;
  backend: string | null;
  wasmThreads: number | null;
  model: string | null;
  durationMs: number;
}

/**
 * Runs in the page before the app: counts the caption jobs of the test hook's client (src/testing/app-test-hooks.ts, the test build) as
 * they settle. A string, so no bundler helper leaks into the page.
 */
const COUNT_CAPTIONS = `(() => {
  const soak = { ok: 0, cancelled: 0, errors: 0, lastError: null };
  window.__soak = soak;
  let hook;
  Object.defineProperty(window, '__glance', {
    configurable: true,
    get: () => hook,
    set: (value) => {
      hook = value;
      const client = value.client;
      const caption = client.caption.bind(client);
      client.caption = (...args) => {
        const job = caption(...args);
        job.then(
          () => { soak.ok++; },
          (e) => {
            if (e && (e.name === 'AbortError' || e.name === 'CancelledError')) soak.cancelled++;
            else { soak.errors++; soak.lastError = String(e && e.name) + ': ' + String(e && e.message); }
          },
        );
        return job;
      };
    },
  });
})();`;

interface PageCounts {
  ok: number;
  cancelled: number;
  errors: number;
  lastError: string | null;
}

const counts = (page: Page) => page.evaluate(() => (window as unknown as { __soak: PageCounts }).__soak);

export async function runSoak(options: SoakRunOptions): Promise<SoakRunResult> {
  // A browser server, so its process id is known and its renderers' memory can be read from /proc.
  const server = await chromium.launchServer({
    executablePath: options.executablePath,
    args: [...CHROMIUM_ARGS, ...(options.y4m ? fakeCameraArgs(options.y4m) : [])],
  });
  const browserPid = server.process().pid ?? null;
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: COUNT_CAPTIONS });
    await context.addInitScript((style) => {
      const key = 'glance.settings.v1';
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
      localStorage.setItem(key, JSON.stringify({ ...stored, source: 'demo', refine: true, style, speak: false }));
    }, options.style);
    const page = await context.newPage();
    // The demo camera shows scene-world pictures: the world model, from the start (not the default, then a switch).
    await page.goto(`${options.origin}/?backend=wasm&model=world#/live`);
    const status = await page.evaluate(() => window.__glance!.runtimeSettled);
    if (status.state !== 'ready') throw new Error(`the model did not load: ${JSON.stringify(status)}`);
    if (options.y4m) await startWebcam(page);
    const worker = await WorkerCdp.attach(browser, 'captioner.worker');
    if (!worker) options.log('the captioner worker was not found over CDP: no JS heap figures');
    const pageCdp = await context.newCDPSession(page);

    const sample = async (): Promise<SoakSample> => {
      await pageCdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
      await worker?.send('HeapProfiler.collectGarbage').catch(() => undefined);
      const heap = await worker?.send<{ usedSize: number }>('Runtime.getHeapUsage').catch(() => null);
      const { frames, info } = await page.evaluate(async () => ({
        frames: (window as unknown as { __soak: PageCounts }).__soak.ok,
        info: await window.__glance!.client.info(),
      }));
      return {
        frames,
        workerHeapBytes: heap?.usedSize ?? null,
        wasmMemoryBytes: info.resources.wasmMemoryBytes,
        liveTensors: info.resources.liveTensors,
        gpuBuffers: info.resources.gpuBuffers,
        rendererPrivateBytes: browserPid === null ? null : rendererPrivate(browserPid),
      };
    };

    const started = Date.now();
    const samples: SoakSample[] = [];
    const target = options.warmupFrames + options.frames;
    let next = options.warmupFrames;
    // ~2 s a caption at worst on a busy machine, plus the warm-up.
    const deadline = started + (target * 2000 + 120_000);
    for (;;) {
      const { ok, errors, lastError } = await counts(page);
      if (errors > 0 && ok === 0) throw new Error(`captions fail: ${lastError}`);
      if (ok >= next) {
        const s = await sample();
        samples.push(s);
        const mb = (b: number | null) => (b === null ? '?' : (b / 1024 / 1024).toFixed(2));
        options.log(
          `${String(s.frames).padStart(6)} captions  renderer ${mb(s.rendererPrivateBytes)} MiB` +
            `  heap ${mb(s.workerHeapBytes)} MiB  wasm ${mb(s.wasmMemoryBytes)} MiB` +
            `  tensors ${s.liveTensors}  errors ${errors}  ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
        if (ok >= target) break;
        next = Math.min(target, Math.max(next + options.sampleEvery, ok + 1));
      }
      if (Date.now() > deadline) throw new Error(`only ${ok} of ${target} captions before the deadline`);
      await page.waitForTimeout(250);
    }
    const durationMs = Date.now() - started;

    // Another route unmounts the Live view: its loop stops and cancels the frame in flight.
    await page.evaluate(() => (location.hash = '#/settings'));
    await page
      .waitForFunction(async () => (await window.__glance!.client.pendingJobs()).length === 0, null, {
        timeout: 30_000,
      })
      .catch(() => undefined);
    const { info, pendingJobs } = await page.evaluate(async () => ({
      info: await window.__glance!.client.info(),
      pendingJobs: (await window.__glance!.client.pendingJobs()).length,
    }));
    const final = await counts(page);
    return {
      samples,
      idle: { liveTensors: info.resources.liveTensors, gpuBuffers: info.resources.gpuBuffers, pendingJobs },
      frames: final.ok - options.warmupFrames,
      errors: final.errors,
      lastError: final.lastError,
      backend: info.backend,
      wasmThreads: info.wasmThreads,
      model: info.bundle?.name ?? null,
      durationMs,
    };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}
