/**
 * Whether a found face is one the expression model can read: large enough, and, when the person's pose was read,
 * seen from the front. BlazeFace and MoveNet both answer for the back of a head (hair, a beanie), and an expression
 * read there is invented; look-people.ts runs the expression model only on faces that pass.
 */
import { EXPRESSION_MIN_FACE_PX, FRONTAL_MIN_EYE_SHARE } from './constants';
import { keypoint } from './keypoints';
import type { Box, PoseKeypoint } from './types';

export function readableFace(face: Box, keypoints?: readonly PoseKeypoint[]): boolean {
  if (Math.min(face.w, face.h) < EXPRESSION_MIN_FACE_PX) return false;
  if (keypoints === undefined) return true; // no pose part: the face detector's word alone
  const nose = keypoint(keypoints, 'nose');
  const left = keypoint(keypoints, 'left_eye');
  const right = keypoint(keypoints, 'right_eye');
  if (!nose || !left || !right) return false;
  const inside = nose.x >= face.x && nose.x <= face.x + face.w && nose.y >= face.y && nose.y <= face.y + face.h;
  return inside && Math.abs(left.x - right.x) >= FRONTAL_MIN_EYE_SHARE * face.w;
}
