import { describe, expect, it } from 'vitest';
import { vttEscape, vttTimestamp } from './webvtt';

describe('vttTimestamp', () => {
  it('formats HH:MM:SS.mmm', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(61_005)).toBe('00:01:01.005');
    expect(vttTimestamp(3_600_000 + 59 * 60_000 + 59_999)).toBe('01:59:59.999');
    expect(vttTimestamp(100 * 3_600_000)).toBe('100:00:00.000');
  });

  it('rounds to the millisecond and never goes below zero', () => {
    expect(vttTimestamp(1234.5678)).toBe('00:00:01.235');
    expect(vttTimestamp(-20)).toBe('00:00:00.000');
  });
});

describe('vttEscape', () => {
  it('escapes what starts tags and entities, and the cue arrow', () => {
    expect(vttEscape('a --> b <i>x</i> & c')).toBe('a --&gt; b &lt;i&gt;x&lt;/i&gt; &amp; c');
  });

  it('folds line breaks (a blank line would end the cue) and trims', () => {
    expect(vttEscape('  one\n\ntwo \r\n three  ')).toBe('one two three');
    expect(vttEscape('  plain  ')).toBe('plain');
  });
});
