/**
 * The real-world bundle's COCO detector (CenterNet, its `detector` part) as a hub captioner's region finder
 * (docs/hub-models.md): the frame letterboxed into the detector's input square, run and decoded exactly as the
 * real-world captioner's glance (src/core/real: detector-input.ts, run-detector.ts, centernet-decode.ts), the
 * objects at or above the score the real-world captioner names (hedged or not), in frame pixels, best first.
 */
import type { InferenceBackend } from '../backend';
import { HEDGE_MIN_SCORE } from '../real/constants';
import { squareInput } from '../real/detector-input';
import { checkDetectorPart, runDetector } from '../real/run-detector';
import type { HubRegionFinder } from './hub-captioner';

export interface DetectorFinderOptions {
  /** Side of the detector's input square, px (the bundle's config.json `detector.input_size`). */
  inputSize: number;
  /** Objects below this score are not looked at (default HEDGE_MIN_SCORE, the real-world captioner's). */
  threshold?: number;
}

/**
 * A region finder over a backend holding the `detector` part. Throws ModelFormatError at once when the part is
 * missing or does not have the contract's input and output names (a broken file).
 */
export function detectorFinder(backend: InferenceBackend, options: DetectorFinderOptions): HubRegionFinder {
  checkDetectorPart(backend);
  const threshold = options.threshold ?? HEDGE_MIN_SCORE;
  return async (frame) => {
    const input = squareInput(frame, { x: 0, y: 0, w: frame.width, h: frame.height }, options.inputSize);
    // weakThreshold = threshold: no weak peaks (the hub look only crops what was detected).
    const { detections } = await runDetector(backend, input, frame, { threshold, weakThreshold: threshold });
    return detections.map(({ box, score, label }) => ({ ...box, score, label }));
  };
}
