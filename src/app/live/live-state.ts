/**
 * Everything the Live view shows about captions, as one reducer: the caption on screen (caption-stability.ts),
 * the last finished outcome (overlay, HUD), the HUD's stats, the log and the latest announcement.
 */
import type { CaptionOutcome } from '../../capture/caption-service';
import { refinedTextOf } from '../../core/look-policy';
import { appendEntry, type LogEntry } from './caption-log';
import { INITIAL_LIVE_CAPTION, liveCaptionStep, shownText, type LiveCaptionState } from './caption-stability';
import { EMPTY_STATS, addSample, type LiveStats } from './live-stats';

export interface LiveState {
  caption: LiveCaptionState;
  /** The last finished frame's outcome: its heat map and boxes are drawn, its backend shown. */
  outcome: CaptionOutcome | null;
  stats: LiveStats;
  log: LogEntry[];
  /** The newest final caption, for the aria-live region and speech; `announced` counts them. */
  announcement: string;
  announced: number;
  /** The last frame's failure, cleared by the next success. */
  error: string | null;
}

export const INITIAL_LIVE_STATE: LiveState = {
  caption: INITIAL_LIVE_CAPTION,
  outcome: null,
  stats: EMPTY_STATS,
  log: [],
  announcement: '',
  announced: 0,
  error: null,
};

export type LiveAction =
  | { type: 'coarse'; frameId: number; text: string; now: number }
  | {
      type: 'final';
      frameId: number;
      outcome: CaptionOutcome;
      grabbedAt: number;
      now: number;
      /** ms since the session started, and wall-clock ms, for the log. */
      sessionMs: number;
      wallMs: number;
    }
  | { type: 'error'; frameId: number; message: string }
  /** The frame in flight will not finish (paused, stopped). */
  | { type: 'abandon'; frameId: number }
  | { type: 'reset' };

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'reset':
      return INITIAL_LIVE_STATE;
    case 'error':
      return {
        ...state,
        error: action.message,
        caption: liveCaptionStep(state.caption, { type: 'abandon', frameId: action.frameId }).state,
      };
    case 'abandon': {
      const caption = liveCaptionStep(state.caption, { type: 'abandon', frameId: action.frameId }).state;
      return caption === state.caption ? state : { ...state, caption };
    }
    case 'coarse': {
      const step = liveCaptionStep(state.caption, {
        type: 'coarse',
        frameId: action.frameId,
        text: action.text,
        now: action.now,
      });
      return step.state === state.caption ? state : { ...state, caption: step.state };
    }
    case 'final': {
      const { result } = action.outcome;
      const latencyMs = action.now - action.grabbedAt;
      const step = liveCaptionStep(state.caption, {
        type: 'final',
        frameId: action.frameId,
        coarse: result.coarse.text,
        refined: refinedTextOf(result),
        now: action.now,
        ...(result.look?.looked === false ? { lookSkipped: true } : {}),
      });
      const next: LiveState = {
        ...state,
        caption: step.state,
        outcome: action.outcome,
        stats: addSample(state.stats, { doneAt: action.now, latencyMs }),
        error: null,
      };
      if (!step.newFinal) return next;
      const entry: LogEntry = {
        atMs: action.sessionMs,
        wallMs: action.wallMs,
        coarse: step.newFinal.coarse,
        refined: step.newFinal.refined,
        latencyMs,
        backend: result.backend,
      };
      return {
        ...next,
        log: appendEntry(state.log, entry),
        announcement: shownText(step.newFinal),
        announced: state.announced + 1,
      };
    }
  }
}
