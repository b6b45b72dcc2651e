/**
 * Detections (frame px) -> described objects: cell, size word, main colour, hedging. The first step of the real
 * captioner's writer; the array it returns is the one every later step indexes.
 */
import { cellAt } from '../../world/scene';
import { objectColour } from './colour';
import {
  CLOSE_MIN_AREA_SHARE,
  CLOSE_MIN_HEIGHT_SHARE,
  CONFIDENT_MIN_SCORE,
  HEDGE_MIN_SCORE,
  LARGE_MIN_AREA_SHARE,
  SMALL_MAX_AREA_SHARE,
} from './constants';
import { area, centre } from './geometry';
import { compareReading, mergeDuplicates } from './group';
import type { Box, Detection, RgbaImage, SeenObject, SizeWord } from './types';

/** Frame size only: what cells and size words need. */
export interface FrameSize {
  width: number;
  height: number;
}

/** The size word of a box: people are only ever 'close' (never 'small'/'large', which would read as age). */
export function sizeWord(label: string, box: Box, frame: FrameSize): SizeWord | null {
  const share = area(box) / (frame.width * frame.height);
  if (label === 'person') {
    return share >= CLOSE_MIN_AREA_SHARE || box.h / frame.height >= CLOSE_MIN_HEIGHT_SHARE ? 'close' : null;
  }
  if (share < SMALL_MAX_AREA_SHARE) return 'small';
  if (share > LARGE_MIN_AREA_SHARE) return 'large';
  return null;
}

/** One detection as an object. A person's colour is never read here (clothing comes from the second look). */
export function describeDetection(d: Detection, frame: RgbaImage, origin: SeenObject['origin'] = 'glance'): SeenObject {
  const c = centre(d.box);
  const cx = Math.min(Math.max(c.x / frame.width, 0), 0.999999);
  const cy = Math.min(Math.max(c.y / frame.height, 0), 0.999999);
  return {
    classId: d.classId,
    label: d.label,
    score: d.score,
    box: { ...d.box },
    cell: cellAt(cx, cy),
    size: sizeWord(d.label, d.box, frame),
    colour: d.label === 'person' ? null : objectColour(frame, d.box),
    hedged: d.score < CONFIDENT_MIN_SCORE,
    notes: [],
    origin,
  };
}

/**
 * The glance's objects: detections at or above HEDGE_MIN_SCORE, duplicates merged, described, in reading order.
 * Indices into the returned array identify objects in relations, regions and the second look.
 */
export function describeObjects(detections: readonly Detection[], frame: RgbaImage): SeenObject[] {
  const said = mergeDuplicates(detections.filter((d) => d.score >= HEDGE_MIN_SCORE));
  return said.map((d) => describeDetection(d, frame)).sort(compareReading);
}
