import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatNumber, formatPercent, formatRatio, MISSING } from './format';

describe('report formatting', () => {
  it('writes milliseconds with precision that suits their size', () => {
    expect(formatMs(0.4242)).toBe('0.42 ms');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(999.94)).toBe('999.9 ms');
    expect(formatMs(1234)).toBe('1.23 s');
  });

  it('writes ratios with two decimals and an x', () => {
    expect(formatRatio(1.3449)).toBe('1.34x');
    expect(formatRatio(1.345001)).toBe('1.35x');
    expect(formatRatio(2)).toBe('2.00x');
  });

  it('writes shares as percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.3 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(-0.02)).toBe('-2.0 %');
  });

  it('writes bytes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(250_000)).toBe('250.0 kB');
    expect(formatBytes(3_456_789)).toBe('3.46 MB');
  });

  it('marks missing and non-finite values', () => {
    for (const f of [formatMs, formatRatio, formatPercent, formatBytes, formatNumber]) {
      expect(f(null)).toBe(MISSING);
      expect(f(undefined)).toBe(MISSING);
      expect(f(Number.POSITIVE_INFINITY)).toBe(MISSING);
    }
  });
});
