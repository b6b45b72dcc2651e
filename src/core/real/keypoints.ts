/** Keypoint look-up by name, tolerant of 'left_wrist' / 'leftWrist' / 'left-wrist', and of low scores. */
import { KEYPOINT_MIN_SCORE } from './constants';
import type { PoseKeypoint } from './types';

function normal(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

/** The named keypoint if present with a score of at least KEYPOINT_MIN_SCORE, else undefined. */
export function keypoint(points: readonly PoseKeypoint[] | undefined, name: string): PoseKeypoint | undefined {
  const want = normal(name);
  const p = points?.find((k) => normal(k.name) === want);
  return p && p.score >= KEYPOINT_MIN_SCORE ? p : undefined;
}
