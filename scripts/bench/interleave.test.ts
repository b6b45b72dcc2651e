import { describe, expect, it } from 'vitest';
import type { CaptionSample } from '../../src/bench/bench-types';
import type { CaseSpec } from './caption-cases';
import { interleaveCases, type CaptionRunner } from './interleave';

const CASES: CaseSpec[] = [
  { style: 'short', refine: false, useCache: true },
  { style: 'short', refine: true, useCache: true },
  { style: 'short', refine: true, useCache: false },
];

function fakeRunner(runtime: 'native' | 'wasm', calls: string[]): CaptionRunner {
  return {
    runtime,
    threads: 2,
    async caption(index: number, spec: CaseSpec): Promise<CaptionSample> {
      calls.push(`${runtime}:${index}:${spec.refine ? 'r' : 'c'}${spec.useCache ? '' : '!'}`);
      return {
        totalMs: index,
        stages: { preprocess: 0, encode: 0, pass1: 0, saliency: 0, regions: 0, lookAgain: 0, pass2: 0 },
        coarseTokens: 1,
        refinedTokens: null,
        image: index,
      };
    },
    dispose: async () => undefined,
  };
}

describe('interleaveCases', () => {
  it('alternates runners per case and image, after warm-up rounds, no-cache natively on the first images', async () => {
    const calls: string[] = [];
    const cases = await interleaveCases([fakeRunner('native', calls), fakeRunner('wasm', calls)], {
      images: 3,
      cases: CASES,
      runs: 1,
      warmup: 1,
      noCacheImages: 1,
    });
    expect(calls).toEqual([
      // warm-up on image 0: every case each runner runs at all
      'native:0:c',
      'native:0:r',
      'native:0:r!',
      'wasm:0:c',
      'wasm:0:r',
      // image 0: case by case, native then browser
      'native:0:c',
      'wasm:0:c',
      'native:0:r',
      'wasm:0:r',
      'native:0:r!',
      'native:1:c',
      'wasm:1:c',
      'native:1:r',
      'wasm:1:r',
      'native:2:c',
      'wasm:2:c',
      'native:2:r',
      'wasm:2:r',
    ]);
    expect(cases.map((c) => [c.runtime, c.refine, c.useCache, c.samples.length])).toEqual([
      ['native', false, true, 3],
      ['native', true, true, 3],
      ['native', true, false, 1],
      ['wasm', false, true, 3],
      ['wasm', true, true, 3],
    ]);
  });
});
