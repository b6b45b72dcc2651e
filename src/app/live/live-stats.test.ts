import { describe, expect, it } from 'vitest';
import { EMPTY_STATS, STATS_WINDOW_MS, addSample, captionsPerSecond, median, medianLatency } from './live-stats';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('live stats', () => {
  it('reports frames per second over the window and the median latency', () => {
    let stats = EMPTY_STATS;
    // A caption every 500 ms: 2 per second.
    for (let i = 0; i < 5; i++)
      stats = addSample(stats, { doneAt: 1000 + i * 500, latencyMs: [400, 900, 500, 600, 700][i] });
    expect(captionsPerSecond(stats, 3000)).toBeCloseTo(2);
    expect(medianLatency(stats)).toBe(600);
  });

  it('forgets frames older than the window', () => {
    let stats = addSample(EMPTY_STATS, { doneAt: 0, latencyMs: 10_000 });
    stats = addSample(stats, { doneAt: STATS_WINDOW_MS + 1000, latencyMs: 100 });
    stats = addSample(stats, { doneAt: STATS_WINDOW_MS + 2000, latencyMs: 300 });
    expect(stats.samples).toHaveLength(2);
    expect(medianLatency(stats)).toBe(200);
    expect(captionsPerSecond(stats, STATS_WINDOW_MS + 2000)).toBeCloseTo(1);
  });

  it('has no rate before two captions', () => {
    expect(captionsPerSecond(EMPTY_STATS, 0)).toBeNull();
    expect(captionsPerSecond(addSample(EMPTY_STATS, { doneAt: 5, latencyMs: 1 }), 10)).toBeNull();
  });
});
