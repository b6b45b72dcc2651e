import { describe, expect, it } from 'vitest';
import {
  INITIAL_LIVE_CAPTION,
  MIN_CAPTION_DWELL_MS,
  liveCaptionStep,
  shownText,
  type LiveCaptionEvent,
  type LiveCaptionState,
} from './caption-stability';

/** Runs events and returns the final state and the texts that were newly final. */
function run(events: LiveCaptionEvent[], from: LiveCaptionState = INITIAL_LIVE_CAPTION) {
  let state = from;
  const finals: string[] = [];
  const screens: (string | null)[] = [];
  for (const event of events) {
    const step = liveCaptionStep(state, event);
    state = step.state;
    if (step.newFinal) finals.push(shownText(step.newFinal));
    screens.push(state.shown ? shownText(state.shown) : null);
  }
  return { state, finals, screens };
}

const frame = (frameId: number, coarse: string, refined: string | null, t: number): LiveCaptionEvent[] => [
  { type: 'coarse', frameId, text: coarse, now: t },
  { type: 'final', frameId, coarse, refined, now: t + 100 },
];

describe('liveCaptionStep', () => {
  it('shows the coarse caption first, then the refined one of the same frame', () => {
    const { screens, finals, state } = run(frame(1, 'a red circle.', 'a red star.', 0));
    expect(screens).toEqual(['a red circle.', 'a red star.']);
    expect(finals).toEqual(['a red star.']);
    expect(state.shown).toMatchObject({ coarse: 'a red circle.', refined: 'a red star.', final: true, since: 0 });
  });

  it('keeps the caption of an unchanged scene: nothing changes, nothing is announced', () => {
    const first = run(frame(1, 'a red circle.', 'a red star.', 0));
    const again = run(
      [...frame(2, 'a red circle.', 'a red star.', 2000), ...frame(3, 'a red circle.', 'a red star.', 4000)],
      first.state,
    );
    expect(again.screens).toEqual(Array(4).fill('a red star.'));
    expect(again.finals).toEqual([]);
    // The shown caption is still the first frame's: its appearance time did not move.
    expect(again.state.shown?.frameId).toBe(1);
  });

  it('replaces the caption when the scene changes after the dwell', () => {
    const first = run(frame(1, 'a red circle.', 'a red star.', 0));
    const changed = run(frame(2, 'a blue square.', 'a blue hexagon.', 2000), first.state);
    expect(changed.screens).toEqual(['a blue square.', 'a blue hexagon.']);
    expect(changed.finals).toEqual(['a blue hexagon.']);
  });

  it('updates to a new refined caption even when the coarse caption is the same', () => {
    const first = run(frame(1, 'a red circle.', 'a red star.', 0));
    const next = run(frame(2, 'a red circle.', 'a red heart.', 2000), first.state);
    expect(next.screens).toEqual(['a red star.', 'a red heart.']);
    expect(next.finals).toEqual(['a red heart.']);
  });

  it('drops a different caption that arrives within the dwell time', () => {
    const first = run(frame(1, 'a red circle.', 'a red star.', 0));
    const soon = MIN_CAPTION_DWELL_MS - 200;
    const early = run(frame(2, 'a blue square.', 'a blue hexagon.', soon), first.state);
    expect(early.screens).toEqual(['a red star.', 'a red star.']);
    expect(early.finals).toEqual([]);
  });

  it('without refinement the coarse caption is final', () => {
    const { screens, finals, state } = run(frame(1, 'a red circle.', null, 0));
    expect(screens).toEqual(['a red circle.', 'a red circle.']);
    expect(finals).toEqual(['a red circle.']);
    expect(state.shown?.final).toBe(true);
  });

  it('does not announce twice when a scene flips away and back to the same final caption', () => {
    const first = run(frame(1, 'a red circle.', 'a red star.', 0));
    // A different coarse caption shows, but the refined one comes back to the text already announced.
    const back = run(frame(2, 'a red square.', 'a red star.', 2000), first.state);
    expect(back.screens).toEqual(['a red square.', 'a red star.']);
    expect(back.finals).toEqual([]);
  });

  it('falls back to the last final caption when a frame is abandoned mid-refinement', () => {
    const first = run(frame(1, 'a red circle.', 'a red star.', 0));
    const cut = run(
      [
        { type: 'coarse', frameId: 2, text: 'a blue square.', now: 2000 },
        { type: 'abandon', frameId: 2 },
      ],
      first.state,
    );
    expect(cut.screens).toEqual(['a blue square.', 'a red star.']);
    expect(cut.state.shown?.final).toBe(true);
    const alone = run([
      { type: 'coarse', frameId: 1, text: 'a.', now: 0 },
      { type: 'abandon', frameId: 1 },
    ]);
    expect(alone.screens).toEqual(['a.', null]);
    // Late news of an older frame leaves a newer frame's caption alone.
    const newer = run([
      { type: 'coarse', frameId: 5, text: 'b.', now: 0 },
      { type: 'abandon', frameId: 4 },
    ]);
    expect(newer.screens).toEqual(['b.', 'b.']);
  });
});
