import type { CaptionHooks } from '../../src/core/caption-types';
import type { Captioner } from '../../src/core/captioner';
import { throwIfCancelled } from '../../src/core/decode/cancel';
import { prepareFrame } from './prepare-frame';
import type { IsCancelled } from './job-queue';
import type { CaptionEvent, CaptionJobOptions, FrameCaption, FrameInput } from './wire';

/**
 * One caption job inside the worker: decode and fit the frame, run both passes, stream events. Cancellation is
 * checked between every step (the engine checks it before each decoder step too). The frame is the caller's
 * to close.
 */
export async function captionFrame(
  captioner: Captioner,
  frame: FrameInput,
  options: CaptionJobOptions,
  emit: (event: CaptionEvent) => void,
  isCancelled: IsCancelled,
): Promise<FrameCaption> {
  const { image } = captioner.config;
  throwIfCancelled(isCancelled, 'decoding the frame');
  const started = performance.now();
  const prepared = await prepareFrame(frame, image.size, options.fit ?? image.fit, image.letterbox_value);
  const prepareMs = performance.now() - started;
  throwIfCancelled(isCancelled, 'encoding');

  const hooks: CaptionHooks = {
    onStage: (stage) => emit({ type: 'stage', stage }),
    onToken: (pass, text, token) => emit({ type: 'token', pass, text, token }),
    isCancelled,
  };
  const { fit: _fit, ...engineOptions } = options;
  const result = await captioner.caption(
    { pixels: prepared.pixels, geometry: prepared.geometry },
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
