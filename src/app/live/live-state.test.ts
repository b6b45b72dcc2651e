import { describe, expect, it } from 'vitest';
import type { CaptionResult } from '../../core/caption-types';
import type { CaptionOutcome } from '../../capture/caption-service';
import { INITIAL_LIVE_STATE, liveReducer, type LiveAction, type LiveState } from './live-state';

const outcome = (coarse: string, refined: string | null): CaptionOutcome => ({
  result: {
    coarse: { text: coarse, tokens: [], stopReason: 'eos' },
    refined: refined === null ? undefined : { text: refined, tokens: [], stopReason: 'eos' },
    backend: 'wasm',
  } as unknown as CaptionResult,
  geometry: null,
  frameWidth: 256,
  frameHeight: 256,
});

const final = (frameId: number, o: CaptionOutcome, grabbedAt: number, now: number): LiveAction => ({
  type: 'final',
  frameId,
  outcome: o,
  grabbedAt,
  now,
  sessionMs: now - 1000,
  wallMs: 1_700_000_000_000 + now,
});

const reduce = (actions: LiveAction[], from: LiveState = INITIAL_LIVE_STATE) => actions.reduce(liveReducer, from);

describe('liveReducer', () => {
  it('shows a caption whose look its policy skipped as final and unrefined, marked as sure at a glance', () => {
    const o = outcome('a red star.', 'a red star.');
    (o.result as { look?: unknown }).look = { looked: false };
    const s = reduce([{ type: 'coarse', frameId: 1, text: 'a red star.', now: 100 }, final(1, o, 0, 200)]);
    expect(s.caption.shown).toMatchObject({ coarse: 'a red star.', refined: null, final: true, lookSkipped: true });
    expect(s.announcement).toBe('a red star.');
    const looked = outcome('a red star.', 'a blue star.');
    (looked.result as { look?: unknown }).look = { looked: true };
    const t = reduce([final(2, looked, 0, 1200)], s);
    expect(t.caption.shown).toMatchObject({ refined: 'a blue star.', final: true });
    expect(t.caption.shown!.lookSkipped).toBeUndefined();
  });

  it('logs and announces a new final caption once, with its latency', () => {
    const o = outcome('a red circle.', 'a red star.');
    const s = reduce([
      { type: 'coarse', frameId: 1, text: 'a red circle.', now: 1500 },
      final(1, o, 1000, 1800),
      { type: 'coarse', frameId: 2, text: 'a red circle.', now: 3000 },
      final(2, o, 2500, 3400),
    ]);
    expect(s.log).toEqual([
      {
        atMs: 800,
        wallMs: 1_700_000_001_800,
        coarse: 'a red circle.',
        refined: 'a red star.',
        latencyMs: 800,
        backend: 'wasm',
      },
    ]);
    expect(s.announcement).toBe('a red star.');
    expect(s.announced).toBe(1);
    // Both frames count for the HUD even though the second changed nothing on screen.
    expect(s.stats.samples.map((x) => x.latencyMs)).toEqual([800, 900]);
    expect(s.outcome).toBe(o);
  });

  it('keeps the last caption on an error and clears the error on the next success', () => {
    const s1 = reduce([final(1, outcome('a.', null), 0, 100), { type: 'error', frameId: 9, message: 'camera glitch' }]);
    expect(s1.error).toBe('camera glitch');
    expect(s1.caption.shown?.coarse).toBe('a.');
    const s2 = reduce([final(2, outcome('b.', null), 2000, 2100)], s1);
    expect(s2.error).toBeNull();
    expect(s2.log.map((e) => e.coarse)).toEqual(['a.', 'b.']);
  });
});
