import { describe, expect, it } from 'vitest';
import { showsTime } from './video-sample-source';

describe('showsTime', () => {
  const frame = (startSec: number, durationSec: number | null) => ({
    timestamp: Math.round(startSec * 1e6),
    duration: durationSec === null ? null : Math.round(durationSec * 1e6),
  });

  it('accepts the frame whose span holds the time, at either edge', () => {
    expect(showsTime(frame(1.9, 0.1), 1.95)).toBe(true);
    expect(showsTime(frame(2.0, 0.1), 2.0)).toBe(true);
    expect(showsTime(frame(2.0, 0.1), 2.0999)).toBe(true);
  });

  it('refuses a frame of an earlier or a later position (the element not yet updated after a seek)', () => {
    expect(showsTime(frame(1.9, 0.1), 2.05)).toBe(false);
    expect(showsTime(frame(16.25, 0.04), 16.375)).toBe(false);
    expect(showsTime(frame(3.0, 0.1), 2.0)).toBe(false);
  });

  it('without a duration, only refuses a frame from later on', () => {
    expect(showsTime(frame(1.0, null), 2.0)).toBe(true);
    expect(showsTime(frame(2.5, null), 2.0)).toBe(false);
  });
});
