/**
 * The seam between the views and the captioner. The views depend on this interface only; one adapter
 * (bridge-caption-service.ts) implements it over src/bridge, and tests implement it with fakes. It carries plain
 * data only: the UI never touches tensors.
 */
import { errorKind } from '../bridge/bridge-errors';
import type { CaptionEvent, CaptionEventType, CaptionOptions, CaptionResult } from '../core/caption-types';
import type { FitGeometry } from '../core/image/fit';

/** A frame to caption: a grabbed video frame (transferred to the worker, unusable afterwards) or an image file. */
export type CaptionFrame = ImageBitmap | VideoFrame | Blob;

export type { CaptionEvent, CaptionEventType };

/** A caption and where its boxes and heat map lie. */
export interface CaptionOutcome {
  result: CaptionResult;
  /** How the frame became the model square, to draw the heat map over the frame; null when unknown. */
  geometry: FitGeometry | null;
  /** The frame's size in pixels (after orientation). */
  frameWidth: number;
  frameHeight: number;
  /** The model that captioned the frame (a bundle's name or a hub repo id), when the captioner says. */
  model?: string;
}

/** Per-call extras of a caption: cancellation, and the events a listener needs while it runs. */
export interface CaptionCall {
  signal?: AbortSignal;
  /** Progress as the captioner produces it; without a listener no events are made or sent. */
  onEvent?: (event: CaptionEvent) => void;
  /** The kinds of event `onEvent` needs (only those are sent); default: all. */
  events?: readonly CaptionEventType[];
}

/** A loaded captioner the views can use. */
export interface CaptionService {
  /**
   * Captions one frame. Rejects with an Error whose `name` says why: 'CancelledError' after `signal` aborts
   * (not a failure to show), 'ImageDecodeError' for a file that is not a readable image, others for failures.
   */
  caption(frame: CaptionFrame, options: CaptionOptions, call?: CaptionCall): Promise<CaptionOutcome>;
}

/** True for the rejection of a job that was cancelled on purpose (nothing to report). */
export function isCancellation(error: unknown): boolean {
  return errorKind(error) === 'cancelled';
}
