import { describe, expect, it } from 'vitest';
import { readableFace } from './face-view';
import type { PoseKeypoint } from './types';

const points = (p: Record<string, [number, number, number?]>): PoseKeypoint[] =>
  Object.entries(p).map(([name, [x, y, score = 0.9]]) => ({ name, x, y, score }));

/** A face toward the camera: a 40 px box, eyes 16 px apart, the nose inside the box. */
const FRONT_BOX = { x: 60, y: 100, w: 40, h: 40 };
const FRONT = points({ nose: [80, 122], left_eye: [88, 112], right_eye: [72, 112] });

describe('readableFace: faces the expression model may read', () => {
  it('reads a face toward the camera, with or without a pose', () => {
    expect(readableFace(FRONT_BOX, FRONT)).toBe(true);
    expect(readableFace(FRONT_BOX)).toBe(true);
  });

  it('refuses a face under 32 px, which the model would see upsampled more than twice', () => {
    const small = { x: 227, y: 108, w: 16, h: 16 }; // the back of a beanie, read as sad before
    expect(readableFace(small)).toBe(false);
    expect(readableFace(small, points({ nose: [235, 116], left_eye: [231, 112], right_eye: [239, 112] }))).toBe(false);
    expect(readableFace({ ...FRONT_BOX, h: 31 }, FRONT)).toBe(false);
  });

  it('refuses the back or side of a head: eyes too close together, or the nose outside the face box', () => {
    // measured on a man seen from behind: BlazeFace's box on his hair, MoveNet's eyes 2 px apart, nose outside
    const hair = { x: 534, y: 53, w: 69, h: 69 };
    expect(readableFace(hair, points({ nose: [515, 94], left_eye: [521, 79], right_eye: [523, 79] }))).toBe(false);
    expect(readableFace(hair, points({ nose: [560, 94], left_eye: [550, 79], right_eye: [552, 79] }))).toBe(false);
    expect(readableFace(hair, points({ nose: [515, 94], left_eye: [550, 79], right_eye: [580, 79] }))).toBe(false);
    expect(readableFace(hair, points({ nose: [565, 94], left_eye: [550, 79], right_eye: [580, 79] }))).toBe(true);
  });

  it('refuses a face whose nose or eyes the pose did not see (score under 0.3)', () => {
    for (const name of ['nose', 'left_eye', 'right_eye']) {
      const hidden = FRONT.map((k) => (k.name === name ? { ...k, score: 0.2 } : k));
      expect(readableFace(FRONT_BOX, hidden)).toBe(false);
    }
  });
});
