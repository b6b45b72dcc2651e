/**
 * The native baseline: the same bundle, inputs and src/core engine on onnxruntime-node. Files are decoded
 * before the clock starts (the browser gets decoded ImageBitmaps too); fitting to the square is timed as part
 * of preprocess, as the worker times it.
 */
import type { CaptionCase } from '../../src/bench/bench-types';
import { decodeImage } from '../../src/node/decode-image';
import { loadNodeCaptioner } from '../../src/node/load-captioner';
import { fitToSquare } from '../../src/node/resize';
import { toSample, type CaseSpec } from './caption-cases';

export interface NativeOptions {
  bundle: string;
  /** PNG/JPEG bytes of the inputs, with names for errors. */
  images: { name: string; bytes: Uint8Array }[];
  cases: readonly CaseSpec[];
  threads: number;
  /** Passes over the inputs per case. */
  runs: number;
  /** Captions run and thrown away first. */
  warmup: number;
  /** Cases without the KV cache run on the first this many images only (they are slow). */
  noCacheImages: number;
}

export async function runNativeCases(options: NativeOptions): Promise<CaptionCase[]> {
  const node = await loadNodeCaptioner(options.bundle, { runtime: 'node', threads: options.threads });
  const { image } = node.config;
  const decoded = options.images.map(({ name, bytes }) => decodeImage(bytes, name));
  const results: CaptionCase[] = options.cases.map((spec) => ({
    runtime: 'native',
    ...spec,
    threads: options.threads,
    samples: [],
  }));
  const captionOnce = async (index: number, spec: CaseSpec) => {
    const started = performance.now();
    const fitted = fitToSquare(decoded[index], image.size, image.fit, image.letterbox_value);
    const fitMs = performance.now() - started;
    const result = await node.captioner.caption({ pixels: fitted.pixels, geometry: fitted.geometry }, spec);
    return { ...toSample(result, fitMs), image: index, fitMs };
  };
  const runsOn = (spec: CaseSpec, index: number) => spec.useCache || index < options.noCacheImages;
  try {
    for (let i = 0; i < options.warmup; i++) {
      for (const spec of options.cases) if (runsOn(spec, 0)) await captionOnce(i % decoded.length, spec);
    }
    // Cases interleave per image, so the machine's changing load spreads over all of them alike.
    for (let run = 0; run < options.runs; run++) {
      for (let index = 0; index < decoded.length; index++) {
        for (const [c, spec] of options.cases.entries()) {
          if (runsOn(spec, index)) results[c].samples.push(await captionOnce(index, spec));
        }
      }
    }
  } finally {
    await node.dispose();
  }
  return results;
}
