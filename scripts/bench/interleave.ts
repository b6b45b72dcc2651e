/**
 * Runs every case on every image through one or more runners (native, browser), interleaved: for each image,
 * each case, each runner in turn. On a shared machine the load changes by the minute; interleaving spreads it
 * over all cases and runtimes alike, so ratios compare like with like (a run of native then browser measured
 * browser/native at 1.07x and 2.96x half an hour apart).
 */
import type { BenchRuntime, CaptionCase, CaptionSample } from '../../src/bench/bench-types';
import type { CaseSpec } from './caption-cases';

/** Captions image `index` of the bench's inputs with one case's options, timed. */
export interface CaptionRunner {
  runtime: BenchRuntime;
  threads: number | null;
  caption(index: number, spec: CaseSpec): Promise<CaptionSample>;
  dispose(): Promise<void>;
}

export interface InterleaveOptions {
  images: number;
  cases: readonly CaseSpec[];
  runs: number;
  /** Rounds over the first images, thrown away. */
  warmup: number;
  /** Cases without the KV cache run on the first this many images only (they are slow), natively only. */
  noCacheImages: number;
  onProgress?: (done: number, total: number) => void;
}

/** Whether `runner` runs `spec` on image `index`. */
export function runsOn(
  runner: Pick<CaptionRunner, 'runtime'>,
  spec: CaseSpec,
  index: number,
  noCacheImages: number,
): boolean {
  if (spec.useCache) return true;
  return runner.runtime === 'native' && index < noCacheImages;
}

export async function interleaveCases(
  runners: readonly CaptionRunner[],
  options: InterleaveOptions,
): Promise<CaptionCase[]> {
  const results = runners.flatMap((runner) =>
    options.cases
      .filter((spec) => runsOn(runner, spec, 0, options.noCacheImages))
      .map((spec): { runner: CaptionRunner; spec: CaseSpec; out: CaptionCase } => ({
        runner,
        spec,
        out: { runtime: runner.runtime, ...spec, threads: runner.threads, samples: [] },
      })),
  );
  for (let i = 0; i < options.warmup; i++) {
    const index = i % options.images;
    for (const { runner, spec } of results) await runner.caption(index, spec);
  }
  const total = options.runs * options.images;
  for (let run = 0; run < options.runs; run++) {
    for (let index = 0; index < options.images; index++) {
      for (const spec of options.cases) {
        for (const entry of results) {
          if (entry.spec !== spec || !runsOn(entry.runner, spec, index, options.noCacheImages)) continue;
          entry.out.samples.push(await entry.runner.caption(index, spec));
        }
      }
      options.onProgress?.(run * options.images + index + 1, total);
    }
  }
  return results.map((r) => r.out);
}
