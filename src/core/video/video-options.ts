/** The Video view's options: defaults, allowed ranges, and the check that turns stored or typed input into them. */
import type { CaptionStyle } from '../bundle/config';
import type { VideoCaptionOptions } from './types';

/**
 * Half a second between samples finds a cut within half a second (then narrowed to an eighth of that:
 * docs/video-captions.md) for about 2 seeks a second of video; a 1 s minimum gap keeps a flurry of cuts from
 * stacking up captions no one has time to read.
 */
export const DEFAULT_VIDEO_OPTIONS: Readonly<VideoCaptionOptions> = Object.freeze({
  sampleIntervalSec: 0.5,
  minGapSec: 1,
  style: 'short',
  refine: true,
});

/** Allowed range of each numeric option (the UI's inputs use the same bounds). */
export const VIDEO_OPTION_RANGES = {
  /** Below 0.1 s the seeks cost more than the captions; above 10 s whole scenes slip between samples. */
  sampleIntervalSec: { min: 0.1, max: 10 },
  minGapSec: { min: 0, max: 60 },
} as const;

const STYLES: readonly CaptionStyle[] = ['short', 'detailed'];

function clampedNumber(value: unknown, range: { min: number; max: number }, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(value, range.min), range.max);
}

/**
 * Options from anything (saved settings, a form, a URL): numbers out of range are clamped to it, anything else
 * that is missing or not of the right type takes its default. Always a new object.
 */
export function normaliseVideoOptions(partial: unknown): VideoCaptionOptions {
  const input: Record<string, unknown> =
    typeof partial === 'object' && partial !== null ? (partial as Record<string, unknown>) : {};
  const d = DEFAULT_VIDEO_OPTIONS;
  return {
    sampleIntervalSec: clampedNumber(
      input.sampleIntervalSec,
      VIDEO_OPTION_RANGES.sampleIntervalSec,
      d.sampleIntervalSec,
    ),
    minGapSec: clampedNumber(input.minGapSec, VIDEO_OPTION_RANGES.minGapSec, d.minGapSec),
    style: STYLES.includes(input.style as CaptionStyle) ? (input.style as CaptionStyle) : d.style,
    refine: typeof input.refine === 'boolean' ? input.refine : d.refine,
  };
}
