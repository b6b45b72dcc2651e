import { describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_OPTIONS, VIDEO_OPTION_RANGES, normaliseVideoOptions } from './video-options';

describe('normaliseVideoOptions', () => {
  it('keeps valid options', () => {
    const options = { sampleIntervalSec: 0.25, minGapSec: 0, style: 'detailed', refine: false };
    expect(normaliseVideoOptions(options)).toEqual(options);
  });

  it('fills what is missing with the defaults', () => {
    expect(normaliseVideoOptions({})).toEqual(DEFAULT_VIDEO_OPTIONS);
    expect(normaliseVideoOptions(undefined)).toEqual(DEFAULT_VIDEO_OPTIONS);
    expect(normaliseVideoOptions('short')).toEqual(DEFAULT_VIDEO_OPTIONS);
    expect(normaliseVideoOptions({ minGapSec: 3 })).toEqual({ ...DEFAULT_VIDEO_OPTIONS, minGapSec: 3 });
  });

  it('clamps numbers to their ranges', () => {
    expect(normaliseVideoOptions({ sampleIntervalSec: 0.01, minGapSec: -2 })).toMatchObject({
      sampleIntervalSec: VIDEO_OPTION_RANGES.sampleIntervalSec.min,
      minGapSec: 0,
    });
    expect(normaliseVideoOptions({ sampleIntervalSec: 99, minGapSec: 1e6 })).toMatchObject({
      sampleIntervalSec: 10,
      minGapSec: 60,
    });
  });

  it('replaces values of the wrong kind by the defaults', () => {
    expect(normaliseVideoOptions({ sampleIntervalSec: '2', minGapSec: NaN, style: 'long', refine: 'yes' })).toEqual(
      DEFAULT_VIDEO_OPTIONS,
    );
    expect(normaliseVideoOptions({ sampleIntervalSec: Infinity }).sampleIntervalSec).toBe(0.5);
  });

  it('returns a new object the caller may change', () => {
    const options = normaliseVideoOptions({});
    options.minGapSec = 5;
    expect(DEFAULT_VIDEO_OPTIONS.minGapSec).toBe(1);
  });

  it('has defaults inside their own ranges', () => {
    expect(normaliseVideoOptions(DEFAULT_VIDEO_OPTIONS)).toEqual(DEFAULT_VIDEO_OPTIONS);
  });
});
