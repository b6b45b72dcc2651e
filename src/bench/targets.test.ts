import { describe, expect, it } from 'vitest';
import { judge, judgeTargets, limitText, TARGETS, type Target } from './targets';

const max: Target = { id: 'shortRefinedMs', label: 'x', kind: 'max', limit: 80, unit: 'ms' };
const under: Target = { ...max, strict: true };
const min: Target = { id: 'liveCaptionsPerSecond', label: 'y', kind: 'min', limit: 8, unit: 'per second' };

describe('judge', () => {
  it('meets an upper limit at or below it, a strict one only below', () => {
    expect(judge(max, 80)).toBe('met');
    expect(judge(max, 80.01)).toBe('not met');
    expect(judge(under, 80)).toBe('not met');
    expect(judge(under, 79.9)).toBe('met');
  });

  it('meets a lower limit at or above it', () => {
    expect(judge(min, 8)).toBe('met');
    expect(judge(min, 7.99)).toBe('not met');
  });

  it('never calls a missing figure met', () => {
    expect(judge(max, null)).toBe('not measured');
    expect(judge(min, undefined)).toBe('not measured');
    expect(judge(max, Number.NaN)).toBe('not measured');
  });
});

describe('judgeTargets', () => {
  it('judges every target of the issue, in order, with notes', () => {
    const results = judgeTargets({ refineOverhead: 1.5, appJsGzipBytes: 100_000 }, { refineOverhead: 'short' });
    expect(results.map((r) => r.id)).toEqual(TARGETS.map((t) => t.id));
    expect(results.find((r) => r.id === 'refineOverhead')).toMatchObject({ verdict: 'not met', note: 'short' });
    expect(results.find((r) => r.id === 'appJsGzipBytes')!.verdict).toBe('met');
    expect(results.find((r) => r.id === 'warmLoadMs')!.verdict).toBe('not measured');
  });
});

describe('limitText', () => {
  it('states the comparison and the aim', () => {
    const overhead = TARGETS.find((t) => t.id === 'refineOverhead')!;
    expect(limitText(overhead, (v) => `${v}x`)).toBe('<= 1.3x (aim 1.2x)');
    expect(limitText(under, (v) => `${v} ms`)).toBe('< 80 ms');
    expect(limitText(min, (v) => `${v}/s`)).toBe('>= 8/s');
  });
});
