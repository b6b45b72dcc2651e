/**
 * The second look's memory across the frames of one live stream (CaptionOptions.stream): a region whose pixels
 * have not changed since it was last looked at is not looked at again; its look (detections, people) is reused.
 * A webcam on a desk or a room changes in a few places at a time, so most looks are reused there and a refined
 * caption costs little more than the glance; a region a person walks through changes and is looked at afresh.
 *
 * "Not changed" compares a coarse luma signature of the look's own box, taken when it was looked at, with the same
 * box in the new frame. Reused looks keep their first signature, so slow drift adds up and brings a fresh look.
 */
import {
  LOOK_REUSE_MAX_CELL_DIFF,
  LOOK_REUSE_MAX_MEAN_DIFF,
  LOOK_REUSE_MIN_IOU,
  LOOK_SIGNATURE_GRID,
} from './constants';
import { unchanged } from '../unchanged';
import { iou } from './geometry';
import type { Box, RegionLook, RgbaImage } from './types';

/** A look and what its box held when it was taken. */
export interface KeptLook {
  look: RegionLook;
  signature: Float32Array;
}

/** Mean luma (0..255) of each cell of a LOOK_SIGNATURE_GRID square grid over `box`, sampled at most 4 x 4 per cell. */
export function regionSignature(frame: RgbaImage, box: Box): Float32Array {
  const g = LOOK_SIGNATURE_GRID;
  const out = new Float32Array(g * g);
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(frame.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(frame.height, Math.ceil(box.y + box.h));
  const cellW = (x1 - x0) / g;
  const cellH = (y1 - y0) / g;
  if (!(cellW > 0 && cellH > 0)) return out;
  const samples = 4;
  for (let cy = 0; cy < g; cy++) {
    for (let cx = 0; cx < g; cx++) {
      let sum = 0;
      for (let sy = 0; sy < samples; sy++) {
        const y = Math.min(y1 - 1, Math.floor(y0 + (cy + (sy + 0.5) / samples) * cellH));
        for (let sx = 0; sx < samples; sx++) {
          const x = Math.min(x1 - 1, Math.floor(x0 + (cx + (sx + 0.5) / samples) * cellW));
          const i = (y * frame.width + x) * 4;
          sum += 0.299 * frame.data[i] + 0.587 * frame.data[i + 1] + 0.114 * frame.data[i + 2];
        }
      }
      out[cy * g + cx] = sum / (samples * samples);
    }
  }
  return out;
}

/** Whether two signatures show the same content: small mean change and no cell that changed much. */
export function sameContent(a: Float32Array, b: Float32Array): boolean {
  return unchanged(a, b, { maxDiff: LOOK_REUSE_MAX_CELL_DIFF, maxMeanDiff: LOOK_REUSE_MAX_MEAN_DIFF });
}

/** The looks of one stream's last refined frame. One stream at a time: a new stream id forgets the old one. */
export class LookMemory {
  private stream: string | null = null;
  private size = '';
  private kept: KeptLook[] = [];

  /**
   * A kept look for `box` whose box still holds what it held, or null (then the caller looks again). `taken`: looks
   * this frame already reuses, which another of its regions may not reuse again.
   */
  find(stream: string, frame: RgbaImage, box: Box, taken: ReadonlySet<KeptLook> = new Set()): KeptLook | null {
    if (stream !== this.stream || `${frame.width}x${frame.height}` !== this.size) return null;
    const candidates = this.kept
      .filter((k) => !taken.has(k) && iou(k.look.box, box) >= LOOK_REUSE_MIN_IOU)
      .sort((a, b) => iou(b.look.box, box) - iou(a.look.box, box));
    for (const k of candidates) if (sameContent(k.signature, regionSignature(frame, k.look.box))) return k;
    return null;
  }

  /** Keeps this frame's looks (fresh ones with their signature, reused ones as they were) for the next frame. */
  remember(stream: string, frame: RgbaImage, looks: readonly KeptLook[]): void {
    this.stream = stream;
    this.size = `${frame.width}x${frame.height}`;
    this.kept = [...looks];
  }
}
