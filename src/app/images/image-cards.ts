/**
 * The Images view's state: one card per dropped file, updated as the sequential queue works through them. Pure
 * reducers over plain data, so the view is a function of it and the tests need no DOM.
 */
import { errorKind } from '../../bridge/bridge-errors';
import type { CaptionPass, CaptionStage } from '../../core/caption-types';
import { toPlainError } from '../../core/errors';
import type { CaptionOutcome } from '../../capture/caption-service';
import type { FileProblem } from './file-checks';

export type CardStatus = 'queued' | 'captioning' | 'done' | 'error';

export interface ImageCard {
  id: number;
  name: string;
  size: number;
  /** An object URL for the thumbnail; null for files refused before decoding. */
  url: string | null;
  status: CardStatus;
  /** The stage running now, while captioning. */
  stage: CaptionStage | null;
  /** Captions as they stream in, while captioning. */
  streaming: Record<CaptionPass, string>;
  outcome: CaptionOutcome | null;
  problem: FileProblem | null;
}

export function newCard(id: number, file: { name: string; size: number }, url: string | null): ImageCard {
  return {
    id,
    name: file.name,
    size: file.size,
    url,
    status: 'queued',
    stage: null,
    streaming: { coarse: '', refined: '' },
    outcome: null,
    problem: null,
  };
}

export type CardUpdate =
  | { type: 'start' }
  | { type: 'stage'; stage: CaptionStage }
  | { type: 'token'; pass: CaptionPass; text: string }
  | { type: 'done'; outcome: CaptionOutcome }
  | { type: 'error'; problem: FileProblem };

export function updateCard(card: ImageCard, update: CardUpdate): ImageCard {
  switch (update.type) {
    case 'start':
      return { ...card, status: 'captioning', stage: null, streaming: { coarse: '', refined: '' } };
    case 'stage':
      return { ...card, stage: update.stage };
    case 'token':
      return { ...card, streaming: { ...card.streaming, [update.pass]: card.streaming[update.pass] + update.text } };
    case 'done':
      return { ...card, status: 'done', stage: null, outcome: update.outcome };
    case 'error':
      return { ...card, status: 'error', stage: null, problem: update.problem };
  }
}

/** Applies an update to the card with `id` in a list. */
export function updateCardIn(cards: readonly ImageCard[], id: number, update: CardUpdate): ImageCard[] {
  return cards.map((card) => (card.id === id ? updateCard(card, update) : card));
}

/** The batch's progress: cards finished (captioned or failed), of which failed, out of all cards. */
export interface BatchProgress {
  finished: number;
  failed: number;
  total: number;
}

export function batchProgress(cards: readonly ImageCard[]): BatchProgress {
  const failed = cards.filter((c) => c.status === 'error').length;
  return { finished: cards.filter((c) => c.status === 'done').length + failed, failed, total: cards.length };
}

/**
 * The batch bar's line (read out politely): how far it is and, once failures happened, how many, so a batch of
 * files that could not be read does not end as "All 2 done".
 */
export function batchSummary({ finished, failed, total }: BatchProgress): string {
  const failures = failed === 0 ? '' : `${failed} failed`;
  if (finished < total) return `Captioning: ${finished} of ${total} done${failures ? ` (${failures})` : ''}`;
  if (failed === 0) return total === 1 ? 'Captioned' : `All ${total} captioned`;
  if (failed === total) return total === 1 ? 'Failed: see the card' : `None captioned: all ${total} failed`;
  return `All ${total} done: ${total - failed} captioned, ${failures}`;
}

/**
 * A card's message for an error a caption call rejected with, by the bridge's kind of error (its name crosses the
 * worker boundary); the browser's own decode failures (EncodingError, InvalidStateError) read as undecodable too.
 */
export function engineProblem(error: unknown): FileProblem {
  const { name, message } = toPlainError(error);
  const named = `${name}: ${message}`;
  const kind = errorKind(error);
  if (kind === 'bad-image' || name === 'EncodingError' || name === 'InvalidStateError') {
    return { title: 'This image could not be decoded.', detail: `The file may be corrupt or truncated. (${message})` };
  }
  switch (kind) {
    case 'bad-input':
      return { title: 'This image cannot be captioned.', detail: message };
    case 'crashed':
      return {
        title: 'The captioner stopped while working on this image.',
        detail: `It restarts by itself; drop the image again to retry. (${named})`,
      };
    case 'model':
    case 'not-ready':
      return { title: 'The model is not ready.', detail: `Check the model in Settings. (${named})` };
    case 'backend':
      return { title: 'The model could not run here.', detail: `Try the other backend in Settings. (${named})` };
    default:
      return { title: 'Captioning failed.', detail: named };
  }
}
