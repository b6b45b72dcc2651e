/**
 * What the Live view shows while frames keep coming: a pure reducer over "pass 1 finished" and "frame finished"
 * events. Rules, so an unchanged scene never flickers:
 * - A frame whose coarse caption equals the one shown changes nothing until its final caption arrives, and that
 *   replaces the shown one only if its text differs.
 * - A frame whose coarse caption differs shows it at once (the coarse caption appears first), and the same
 *   frame's refined caption then replaces it.
 * - A final caption, once shown, stays at least MIN_CAPTION_DWELL_MS; a different one arriving sooner is dropped
 *   (the next frame tries again), which damps A/B/A alternation from camera noise.
 */

/** Shortest time a final caption stays on screen before another may replace it. */
export const MIN_CAPTION_DWELL_MS = 800;

/** The caption on screen. */
export interface ShownCaption {
  /** The frame job it came from. */
  frameId: number;
  coarse: string;
  /** null while the refined caption is being written, or when refinement is off. */
  refined: string | null;
  /** true once its frame has finished (refined, or coarse with refinement off). */
  final: boolean;
  /** When it appeared, ms (any monotonic clock). */
  since: number;
  /** The model was sure at a glance and skipped its second look (its look policy): `refined` is null. */
  lookSkipped?: boolean;
}

export type LiveCaptionEvent =
  | { type: 'coarse'; frameId: number; text: string; now: number }
  | { type: 'final'; frameId: number; coarse: string; refined: string | null; now: number; lookSkipped?: boolean }
  /** The frame being refined will not finish (paused, source stopped, failed): its coarse caption goes. */
  | { type: 'abandon'; frameId: number };

export interface LiveCaptionState {
  shown: ShownCaption | null;
  /** The last final caption shown, to fall back to when a frame is abandoned. */
  lastShownFinal: ShownCaption | null;
  /** The text of the last final caption shown (what the log and the screen reader last got). */
  lastFinal: string | null;
}

export const INITIAL_LIVE_CAPTION: LiveCaptionState = { shown: null, lastShownFinal: null, lastFinal: null };

/** The text a shown caption reads as: its refined caption when there is one. */
export const shownText = (c: ShownCaption): string => c.refined ?? c.coarse;

function dwelling(shown: ShownCaption | null, now: number): boolean {
  return shown !== null && shown.final && now - shown.since < MIN_CAPTION_DWELL_MS;
}

export interface LiveCaptionStep {
  state: LiveCaptionState;
  /** A new final caption to log and announce (its text differs from the previous final one). */
  newFinal: ShownCaption | null;
}

export function liveCaptionStep(state: LiveCaptionState, event: LiveCaptionEvent): LiveCaptionStep {
  const { shown } = state;
  const unchanged: LiveCaptionStep = { state, newFinal: null };
  if (event.type === 'abandon') {
    if (!shown || shown.final || shown.frameId !== event.frameId) return unchanged;
    return { state: { ...state, shown: state.lastShownFinal }, newFinal: null };
  }
  if (event.type === 'coarse') {
    if (shown && shown.coarse === event.text) return unchanged;
    if (dwelling(shown, event.now)) return unchanged;
    const next: ShownCaption = {
      frameId: event.frameId,
      coarse: event.text,
      refined: null,
      final: false,
      since: event.now,
    };
    return { state: { ...state, shown: next }, newFinal: null };
  }

  const finalText = event.refined ?? event.coarse;
  const ownFrame = shown !== null && shown.frameId === event.frameId && !shown.final;
  if (!ownFrame) {
    if (shown && shown.final && shownText(shown) === finalText) return unchanged;
    if (dwelling(shown, event.now)) return unchanged;
  }
  const next: ShownCaption = {
    frameId: event.frameId,
    coarse: event.coarse,
    refined: event.refined,
    final: true,
    ...(event.lookSkipped ? { lookSkipped: true } : {}),
    // The refined caption of a coarse already on screen continues its appearance.
    since: ownFrame ? shown.since : event.now,
  };
  const isNew = finalText !== state.lastFinal;
  return { state: { shown: next, lastShownFinal: next, lastFinal: finalText }, newFinal: isNew ? next : null };
}
