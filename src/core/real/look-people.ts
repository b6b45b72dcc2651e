/**
 * Pose, face and expression of the people a look found. Filled in when the person parts land (issue 14,
 * item 4); until then no person is read and the refined caption says nothing about pose or expression.
 */
import type { InferenceBackend } from '../backend';
import type { Box, Detection, DetectPartSet, PersonLook, RgbaImage } from './types';

export async function lookAtPeople(
  backend: InferenceBackend,
  parts: DetectPartSet,
  frame: RgbaImage,
  detections: readonly Detection[],
  warmBox: Box | null,
): Promise<PersonLook[]> {
  void backend;
  void parts;
  void frame;
  void detections;
  void warmBox;
  return [];
}
