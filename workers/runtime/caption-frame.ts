import type { CaptionHooks } from '../../src/core/caption-types';
import type { CaptionEngine } from '../../src/core/engine';
import { throwIfCancelled } from '../../src/core/decode/cancel';
import { prepareFrame, prepareWholeFrame } from './prepare-frame';
import type { IsCancelled } from './job-queue';
import type { CaptionEvent, CaptionEventType, CaptionJobOptions, FrameCaption, FrameInput } from './wire';

/**
 * One caption job inside the worker: decode and fit the frame, run both passes, stream the events the caller
 * asked for (`options.events`; none without `emit`). Cancellation is checked between every step (the engine
 * checks it before each decoder step too). The frame is the caller's to close.
 */
export async function captionFrame(
  engine: CaptionEngine,
  frame: FrameInput,
  options: CaptionJobOptions,
  emit: ((event: CaptionEvent) => void) | null,
  isCancelled: IsCancelled,
): Promise<Omit<FrameCaption, 'model'>> {
  const need = engine.frameNeed;
  throwIfCancelled(isCancelled, 'decoding the frame');
  const started = performance.now();
  const prepared =
    need.kind === 'square'
      ? await prepareFrame(frame, need.size, options.fit ?? need.fit, need.fill)
      : await prepareWholeFrame(frame, need.maxSide, need.glanceSize);
  const prepareMs = performance.now() - started;
  throwIfCancelled(isCancelled, 'encoding');

  const hooks: CaptionHooks = { ...eventHooks(emit, options.events), isCancelled };
  const { fit: _fit, events: _events, ...engineOptions } = options;
  const { pixels, geometry, pixelWidth: width, pixelHeight: height } = prepared;
  const result = await engine.caption(
    need.kind === 'square' ? { pixels, geometry } : { pixels, geometry, width, height },
    engineOptions,
    hooks,
  );
  return {
    ...result,
    // The engine's preprocess covers normalisation only; decoding and fitting the frame belong to it too.
    timings: {
      ...result.timings,
      preprocess: result.timings.preprocess + prepareMs,
      total: result.timings.total + prepareMs,
    },
    frame: {
      width: prepared.width,
      height: prepared.height,
      geometry: prepared.geometry,
      decodedWidth: prepared.decodedWidth,
      decodedHeight: prepared.decodedHeight,
      prepareMs,
    },
  };
}

/** The engine hooks that send the wanted events; a hook nobody listens to is left out (no work per token). */
function eventHooks(
  emit: ((event: CaptionEvent) => void) | null,
  wanted: readonly CaptionEventType[] = ['stage', 'token', 'caption'],
): Pick<CaptionHooks, 'onStage' | 'onToken' | 'onCaption'> {
  if (!emit) return {};
  const wants = new Set(wanted);
  return {
    onStage: wants.has('stage') ? (stage) => emit({ type: 'stage', stage }) : undefined,
    onToken: wants.has('token') ? (pass, text, token) => emit({ type: 'token', pass, text, token }) : undefined,
    onCaption: wants.has('caption') ? (pass, text) => emit({ type: 'caption', pass, text }) : undefined,
  };
}
