import { describe, expect, it } from 'vitest';
import { MAX_LOG_ENTRIES, listedEntries, appendEntry, toLogJson, toWebVtt, type LogEntry } from './caption-log';

const entry = (atMs: number, refined: string | null, coarse = 'coarse.'): LogEntry => ({
  atMs,
  wallMs: Date.UTC(2026, 10, 5, 12, 0, 0) + atMs,
  coarse,
  refined,
  latencyMs: 812.4,
  backend: 'wasm',
});

/** Checks the parts of the WebVTT syntax a player relies on, independently of toWebVtt's own code. */
function parseVtt(text: string) {
  expect(text.endsWith('\n'), 'ends with a newline').toBe(true);
  const blocks = text.replace(/\n+$/, '').split('\n\n');
  expect(blocks[0]).toBe('WEBVTT');
  const cues = blocks.slice(1).filter((b) => b.trim() !== '');
  return cues.map((block) => {
    const [id, timing, ...payload] = block.split('\n');
    const m = /^(\d{2,}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2,}):(\d{2}):(\d{2})\.(\d{3})$/.exec(timing);
    expect(m, `timing line "${timing}"`).not.toBeNull();
    const ms = (h: string, mi: string, s: string, f: string) => ((+h * 60 + +mi) * 60 + +s) * 1000 + +f;
    return { id, start: ms(m![1], m![2], m![3], m![4]), end: ms(m![5], m![6], m![7], m![8]), text: payload.join('\n') };
  });
}

describe('toWebVtt', () => {
  it('writes one cue per caption, each lasting until the next, the last until the end', () => {
    const cues = parseVtt(toWebVtt([entry(500, 'a red star.'), entry(2500, null, 'a blue square.')], 4000));
    expect(cues).toEqual([
      { id: '1', start: 500, end: 2500, text: 'a red star.' },
      { id: '2', start: 2500, end: 4000, text: 'a blue square.' },
    ]);
  });

  it('keeps cue times monotonic with positive durations even when entries share a time', () => {
    const cues = parseVtt(toWebVtt([entry(1000, 'a.'), entry(1000, 'b.'), entry(900, 'c.')], 900));
    for (const [i, cue] of cues.entries()) {
      expect(cue.end).toBeGreaterThan(cue.start);
      if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1].end);
    }
  });

  it('escapes what would break the format', () => {
    const text = toWebVtt([entry(0, 'a --> b <i>x</i> & c\n\nd')], 10);
    const [cue] = parseVtt(text);
    expect(cue.text).toBe('a --&gt; b &lt;i&gt;x&lt;/i&gt; &amp; c d');
    expect(text.match(/-->/g)).toHaveLength(1);
  });

  it('is just the header for an empty log', () => {
    expect(parseVtt(toWebVtt([], 0))).toEqual([]);
  });
});

describe('toLogJson', () => {
  it('lists captions with absolute times', () => {
    const json = JSON.parse(
      toLogJson([entry(500, 'a red star.')], { startedAtWallMs: Date.UTC(2026, 10, 5, 12), source: 'demo' }),
    );
    expect(json).toMatchObject({
      format: 'glance-live-log',
      version: 1,
      startedAt: '2026-11-05T12:00:00.000Z',
      source: 'demo',
    });
    expect(json.captions).toEqual([
      {
        atMs: 500,
        time: '2026-11-05T12:00:00.500Z',
        text: 'a red star.',
        coarse: 'coarse.',
        refined: 'a red star.',
        latencyMs: 812,
        backend: 'wasm',
      },
    ]);
  });
});

describe('appendEntry', () => {
  it('keeps only the newest entries', () => {
    let log: LogEntry[] = [];
    for (let i = 0; i < MAX_LOG_ENTRIES + 5; i++) log = appendEntry(log, entry(i, `c${i}.`));
    expect(log).toHaveLength(MAX_LOG_ENTRIES);
    expect(log[0].refined).toBe('c5.');
  });
});

describe('listedEntries', () => {
  it('lists the newest entries, newest first, up to the limit', () => {
    const log = Array.from({ length: 7 }, (_, i) => entry(i, `c${i}.`));
    expect(listedEntries(log, 3).map((e) => e.refined)).toEqual(['c6.', 'c5.', 'c4.']);
    expect(listedEntries(log, 10).map((e) => e.refined)).toEqual(['c6.', 'c5.', 'c4.', 'c3.', 'c2.', 'c1.', 'c0.']);
    expect(listedEntries([], 3)).toEqual([]);
    expect(log.map((e) => e.refined)[0]).toBe('c0.'); // the log itself is untouched
  });
});
