/**
 * The second look at one region: the crop, at full resolution, through the detector again (small objects the
 * glance missed or mislabelled), and for the people in it, the pose, face and expression models.
 */
import type { InferenceBackend } from '../backend';
import { LOOK_CONFIRM_MIN_SCORE } from './constants';
import { squareInput } from './detector-input';
import { lookAtPeople } from './look-people';
import { runDetector } from './run-detector';
import type { Box, DetectPartSet, RegionLook, RgbaImage } from './types';

export type Look = RegionLook;

/**
 * Looks at `box` of the frame. `warm` runs every person part even without a person (the warm-up compiles them).
 */
export async function lookAt(
  backend: InferenceBackend,
  parts: DetectPartSet,
  frame: RgbaImage,
  box: Box,
  lookSize: number,
  warm = false,
): Promise<Look> {
  const input = squareInput(frame, box, lookSize);
  const found = await runDetector(backend, input, frame, { threshold: LOOK_CONFIRM_MIN_SCORE, weakThreshold: 1 });
  const people = await lookAtPeople(backend, parts, frame, found.detections, warm ? box : null);
  return { box, detections: found.detections, people };
}
