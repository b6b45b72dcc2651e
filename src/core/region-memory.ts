/**
 * The learned captioner's memory across the frames of one live stream (CaptionOptions.stream): a region crop whose
 * pixels have not changed since the previous frame keeps its vision-encoder features, so only the changed crops go
 * through the encoder. The connector still runs on every region, since it fuses the features with this frame's
 * coarse caption. A still demo camera or webcam then pays the glance, the connector and the two decodes.
 *
 * "Not changed" compares the crop's normalised pixels at the same place in the square with the crop the kept
 * features came from: no value moved more than REGION_REUSE_MAX_DIFF and the mean moved REGION_REUSE_MAX_MEAN_DIFF
 * or less (normalised units: one 8-bit level is 1 / 127.5, about 0.008, for the world model's std of 0.5). Kept features keep their
 * first crop, so slow drift adds up and brings a fresh encode.
 */
import { unchanged } from './unchanged';

/** Largest change of any one normalised value: 32 levels, past a webcam's noise, short of a new object. */
export const REGION_REUSE_MAX_DIFF = 0.25;
/** Largest mean change over the crop: about 3 levels (auto exposure shifting the picture brings a fresh encode). */
export const REGION_REUSE_MAX_MEAN_DIFF = 0.025;

export interface KeptRegion {
  /** The crop's top-left in the model square. */
  x0: number;
  y0: number;
  /** The crop's normalised CHW pixels when its features were encoded. */
  pixels: Float32Array;
  /** Its vision-encoder features, [T * F]. */
  features: Float32Array;
}

/** Whether two crops of the same size show the same content (see the module comment). */
export function sameCrop(a: Float32Array, b: Float32Array): boolean {
  return unchanged(a, b, { maxDiff: REGION_REUSE_MAX_DIFF, maxMeanDiff: REGION_REUSE_MAX_MEAN_DIFF });
}

/** The regions of one stream's last refined frame. A new stream id forgets the old one. */
export class RegionMemory {
  private stream: string | null = null;
  private kept: KeptRegion[] = [];

  /** Kept features for the crop at (x0, y0) holding `pixels`, or null (then the crop is encoded). */
  find(stream: string, x0: number, y0: number, pixels: Float32Array): KeptRegion | null {
    if (stream !== this.stream) return null;
    return this.kept.find((k) => k.x0 === x0 && k.y0 === y0 && sameCrop(k.pixels, pixels)) ?? null;
  }

  /** Keeps this frame's regions (fresh ones and reused ones as they were) for the stream's next frame. */
  remember(stream: string, regions: readonly KeptRegion[]): void {
    this.stream = stream;
    this.kept = [...regions];
  }
}
