/**
 * One interface for every kind of captioner the app runs (docs/model-format.md): the learned two-pass Glance
 * model ('glance-mmser', captioner.ts) and the real-world captioner ('glance-detect', real/real-captioner.ts).
 * The worker and Node prepare the frame as `frameNeed` says, then call `caption`; nothing else of theirs knows
 * which kind runs.
 */
import type { FitMode } from './bundle/config';
import type { CaptionHooks, CaptionInput, CaptionOptions, CaptionResult } from './caption-types';

/**
 * How the frame must reach `caption`: fitted to the model square ('square'), or whole, downscaled only when its
 * longer side exceeds `maxSide` ('frame'; the second look crops it at full resolution). For 'frame', the input's
 * `geometry` is the letterbox of the frame into a `glanceSize` square, in original frame pixels, which is also
 * the square the result's heat map and `RegionBox.square` refer to.
 */
export type FrameNeed =
  | { kind: 'square'; size: number; fit: FitMode; fill: readonly [number, number, number] }
  | { kind: 'frame'; maxSide: number; glanceSize: number };

/** A loaded model that captions frames. Not re-entrant: one job at a time. */
export interface CaptionEngine {
  /** config.json's model_type. */
  readonly modelType: string;
  /** The execution provider that runs ('webgpu', 'wasm', 'cpu'). */
  readonly backendName: string;
  readonly frameNeed: FrameNeed;
  caption(input: CaptionInput, options?: CaptionOptions, hooks?: CaptionHooks): Promise<CaptionResult>;
  /** Runs every part once on a blank frame (shader compilation, allocations) and returns its duration, ms. */
  warmUp(): Promise<number>;
}
