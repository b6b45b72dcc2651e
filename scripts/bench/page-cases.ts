/**
 * Per-caption timings in the browser: world images captioned through the app's worker (window.__glance.client),
 * as the Live view hands it frames: an ImageBitmap, decoded before the clock starts and transferred.
 */
import type { Page } from '@playwright/test';
import type { BenchRuntime, CaptionCase } from '../../src/bench/bench-types';
import { toSample, type CaseSpec, type TimedResult } from './caption-cases';

export interface PageCaseOptions {
  /** Image URLs on the app's origin. */
  images: string[];
  cases: readonly CaseSpec[];
  runs: number;
  warmup: number;
}

interface PageSample {
  result: TimedResult;
  roundTripMs: number;
  /** The worker's decode-and-fit of the frame (already in timings.preprocess). */
  fitMs: number;
}

/** Runs in the page: every case on every image, interleaved, after `warmup` rounds thrown away. */
async function captionInPage(options: PageCaseOptions): Promise<PageSample[][]> {
  const client = window.__glance!.client;
  const blobs = await Promise.all(options.images.map(async (url) => (await fetch(url)).blob()));
  const once = async (blob: Blob, spec: CaseSpec): Promise<PageSample> => {
    const bitmap = await createImageBitmap(blob);
    const started = performance.now();
    const r = await client.caption(bitmap, { style: spec.style, refine: spec.refine, useCache: spec.useCache });
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
  };
  for (let i = 0; i < options.warmup; i++) {
    for (const spec of options.cases) await once(blobs[i % blobs.length], spec);
  }
  const out: PageSample[][] = options.cases.map(() => []);
  for (let run = 0; run < options.runs; run++) {
    for (const blob of blobs) {
      for (const [c, spec] of options.cases.entries()) out[c].push(await once(blob, spec));
    }
  }
  return out;
}

export async function runPageCases(
  page: Page,
  runtime: BenchRuntime,
  options: PageCaseOptions,
): Promise<CaptionCase[]> {
  const info = await page.evaluate(() => window.__glance!.client.info());
  if (info.backend !== (runtime === 'webgpu' ? 'webgpu' : 'wasm')) {
    throw new Error(`the page runs '${info.backend}', not '${runtime}' (${info.reason})`);
  }
  const samples = await page.evaluate(captionInPage, options);
  return options.cases.map((spec, c) => ({
    runtime,
    ...spec,
    threads: runtime === 'wasm' ? info.wasmThreads : null,
    samples: samples[c].map((s, i) => ({
      ...toSample(s.result, 0, s.roundTripMs),
      image: i % options.images.length,
      fitMs: s.fitMs,
    })),
  }));
}
