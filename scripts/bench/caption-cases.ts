/** The caption configurations the bench times, and how a result becomes a sample (shared by both drivers). */
import type { CaptionSample, StageName } from '../../src/bench/bench-types';
import type { CaptionStyle } from '../../src/core/bundle/config';

/** One configuration to time. */
export interface CaseSpec {
  style: CaptionStyle;
  refine: boolean;
  useCache: boolean;
  /** false: pass 2 decodes one token a call instead of drafting from the coarse caption (CaptionOptions.draft). */
  draft?: boolean;
  /**
   * true: each caption is a live stream's frame (CaptionOptions.stream, a new stream every caption, so nothing is
   * reused from the last one): the real-world model glances at it in one view, not a still image's two.
   */
  stream?: boolean;
}

let benchStreams = 0;

/**
 * The engine options of a case: with `stream`, a new stream id every call, so the caption does a live frame's work
 * with nothing kept from the last one.
 */
export function captionOptionsOf(spec: CaseSpec): Omit<CaseSpec, 'stream'> & { stream?: string } {
  const { stream, ...options } = spec;
  return stream ? { ...options, stream: `bench-${++benchStreams}` } : options;
}

/** Short and detailed, coarse only and coarse + refined: the four the issue asks for. */
export const MAIN_CASES: readonly CaseSpec[] = (['short', 'detailed'] as const).flatMap((style) =>
  [false, true].map((refine) => ({ style, refine, useCache: true })),
);

/** Refined captions whose pass 2 decodes one token a call: what drafting from the coarse caption saves. */
export const UNDRAFTED_CASES: readonly CaseSpec[] = (['short', 'detailed'] as const).map((style) => ({
  style,
  refine: true,
  useCache: true,
  draft: false,
}));

/** Refined captions recomputing every step: the KV-cache comparison. */
export const NO_CACHE_CASES: readonly CaseSpec[] = (['short', 'detailed'] as const).map((style) => ({
  style,
  refine: true,
  useCache: false,
}));

/** What a caption result must carry to be a sample (src/core's CaptionResult has it). */
export interface TimedResult {
  timings: Record<StageName | 'total', number>;
  coarse: { tokens: readonly number[] };
  refined?: { tokens: readonly number[] };
}

/** A sample from a result; `extraPreprocessMs` (fitting the frame, where the engine did not time it) is added. */
export function toSample(result: TimedResult, extraPreprocessMs = 0, roundTripMs?: number): CaptionSample {
  const t = result.timings;
  return {
    totalMs: t.total + extraPreprocessMs,
    stages: {
      preprocess: t.preprocess + extraPreprocessMs,
      encode: t.encode,
      pass1: t.pass1,
      saliency: t.saliency,
      regions: t.regions,
      lookAgain: t.lookAgain,
      pass2: t.pass2,
    },
    ...(roundTripMs === undefined ? {} : { roundTripMs }),
    coarseTokens: result.coarse.tokens.length,
    refinedTokens: result.refined ? result.refined.tokens.length : null,
  };
}
