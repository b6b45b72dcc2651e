import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatMediaTime, formatMs } from './format';

describe('format', () => {
  it('formats byte counts in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatBytes(-1)).toBe('?');
  });

  it('formats durations', () => {
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(Number.NaN)).toBe('–');
  });

  it('formats a time of day with zero padding', () => {
    expect(formatClock(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('03:04:05');
  });

  it('formats a position in a video, carrying rounded seconds into the minute', () => {
    expect(formatMediaTime(65.34)).toBe('1:05');
    expect(formatMediaTime(65.34, true)).toBe('1:05.3');
    expect(formatMediaTime(59.96, true)).toBe('1:00.0');
    expect(formatMediaTime(59.96)).toBe('0:59');
    expect(formatMediaTime(-1)).toBe('0:00');
  });
});
