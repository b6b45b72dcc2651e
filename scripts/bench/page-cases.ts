/**
 * Per-caption timings in the browser: world images captioned through the app's worker (window.__glance.client),
 * as the Live view hands it frames: an ImageBitmap, decoded before the clock starts and transferred.
 */
import type { Page } from '@playwright/test';
import type { BenchRuntime, CaptionSample } from '../../src/bench/bench-types';
import { toSample, type CaseSpec, type TimedResult } from './caption-cases';
import type { CaptionRunner } from './interleave';

interface PageSample {
  result: TimedResult;
  roundTripMs: number;
  /** The worker's decode-and-fit of the frame (already in timings.preprocess). */
  fitMs: number;
}

/** Runs in the page: fetches the image once (kept as a Blob), then times one caption of it. */
async function captionInPage({ url, spec }: { url: string; spec: CaseSpec }): Promise<PageSample> {
  const cache = ((window as unknown as { __benchBlobs?: Map<string, Blob> }).__benchBlobs ??= new Map());
  let blob = cache.get(url);
  if (!blob) {
    blob = await (await fetch(url)).blob();
    cache.set(url, blob);
  }
  const bitmap = await createImageBitmap(blob);
  const started = performance.now();
  const r = await window.__glance!.client.caption(bitmap, {
    style: spec.style,
    refine: spec.refine,
    useCache: spec.useCache,
    draft: spec.draft,
    // A new stream every caption: a live frame's work (one glance view) with nothing kept from the last frame
    // (captionOptionsOf's rule; this function runs in the page and cannot import it).
    ...(spec.stream ? { stream: `bench-${started}-${Math.random()}` } : {}),
  });
  const roundTripMs = performance.now() - started;
  return {
    result: {
      timings: r.timings,
      coarse: { tokens: r.coarse.tokens },
      refined: r.refined ? { tokens: r.refined.tokens } : undefined,
    },
    roundTripMs,
    fitMs: r.frame.prepareMs,
  };
}

/** A runner over the app's worker in `page`, which must already run `runtime` ('wasm' or 'webgpu'). */
export async function browserRunner(page: Page, runtime: BenchRuntime, imageUrls: string[]): Promise<CaptionRunner> {
  const info = await page.evaluate(() => window.__glance!.client.info());
  if (info.backend !== runtime) throw new Error(`the page runs '${info.backend}', not '${runtime}' (${info.reason})`);
  return {
    runtime,
    threads: runtime === 'wasm' ? info.wasmThreads : null,
    async caption(index: number, spec: CaseSpec): Promise<CaptionSample> {
      const s = await page.evaluate(captionInPage, { url: imageUrls[index], spec });
      return { ...toSample(s.result, 0, s.roundTripMs), image: index, fitMs: s.fitMs };
    },
    dispose: async () => undefined,
  };
}
