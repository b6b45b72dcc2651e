/**
 * The live run: the app's Live view captioning its source (demo camera or fake webcam) for a while, watched by
 * the page hooks (page-hooks.ts). Frame-to-caption latency is from the Live view's frame grab to the caption's
 * arrival in the page, as the app's own HUD measures it.
 */
import type { Page } from '@playwright/test';
import type { LiveMeasurement } from '../../src/bench/bench-types';
import type { CaptionStyle } from '../../src/core/bundle/config';
import { memorySnapshot, type MemoryProbe } from './memory';

export interface LiveOptions {
  source: 'demo' | 'webcam';
  style: CaptionStyle;
  /** Measured window; ignored when `frames` is set. */
  seconds: number;
  /** Run until this many captions instead (e.g. the 2,000). */
  frames: number | null;
  /** Captions let through before the window opens (first-run allocations are not leaks). */
  warmupCaptions: number;
  /**
   * And seconds: after a load the renderer's private memory first falls (by 130 MB in 15 s with the tiny
   * bundle: compile-time allocations freed), which would read as the live run's memory shrinking.
   */
  settleSeconds: number;
  /** Memory is also read every this many seconds inside the window: growth that levels off is not a leak. */
  memoryEverySeconds: number;
}

const captionCount = (page: Page) => page.evaluate(() => window.__bench!.captions.length);

async function waitForCaptions(page: Page, count: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction((n) => window.__bench!.captions.length >= n, count, { timeout: timeoutMs, polling: 250 });
}

/** Starts the fake webcam in the Live view (the demo camera starts by itself). */
export async function startWebcam(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Webcam' }).check();
  await page.getByRole('button', { name: 'Start webcam' }).click();
}

export async function measureLive(page: Page, probe: MemoryProbe, options: LiveOptions): Promise<LiveMeasurement> {
  const before = await captionCount(page);
  const settled = page.waitForTimeout(options.settleSeconds * 1000);
  await waitForCaptions(page, before + options.warmupCaptions, 120_000);
  await settled;
  const memoryStart = await memorySnapshot(probe, 0, await captionCount(page));
  const memorySamples = [memoryStart];
  const opened = await page.evaluate(() => ({ at: performance.now(), count: window.__bench!.captions.length }));
  const started = performance.now();
  // At 1 caption a second a 2,000-frame run would take over half an hour: allow 2 s a caption.
  const deadline = started + (options.frames !== null ? options.frames * 2000 + 60_000 : options.seconds * 1000);
  const done = async () =>
    options.frames !== null
      ? (await captionCount(page)) >= opened.count + options.frames
      : performance.now() >= deadline;
  let nextRead = started + options.memoryEverySeconds * 1000;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`live run: fewer than ${options.frames} captions in time`);
    await page.waitForTimeout(Math.max(0, Math.min(250, deadline - performance.now())));
    if (performance.now() >= nextRead && performance.now() < deadline - 2000) {
      memorySamples.push(await memorySnapshot(probe, performance.now() - started, await captionCount(page)));
      nextRead += options.memoryEverySeconds * 1000;
    }
  }
  const closed = await page.evaluate(() => ({ at: performance.now(), state: window.__bench! }));
  const captions = closed.state.captions.filter((c) => c.end > opened.at && c.end <= closed.at);
  const durationMs = closed.at - opened.at;
  const memoryEnd = await memorySnapshot(probe, durationMs, closed.state.captions.length);
  memorySamples.push(memoryEnd);
  return {
    source: options.source,
    style: options.style,
    refine: true,
    durationMs,
    latenciesMs: captions.map((c) => c.end - (c.grabAt ?? c.start)),
    longTasksMs: closed.state.longTasks
      .filter((t) => t.start >= opened.at && t.start <= closed.at)
      .map((t) => t.duration),
    memoryStart,
    memoryEnd,
    memorySamples,
    lookSkipped: captions.filter((c) => c.lookSkipped).length,
    errors: closed.state.errors.length,
  };
}
