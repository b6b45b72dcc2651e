import { describe, expect, it } from 'vitest';
import { stretchMapping } from './centernet-decode';
import { decodeMovenet, POSE_KEYPOINTS } from './movenet-decode';

describe('decodeMovenet', () => {
  const out = new Float32Array(51);
  POSE_KEYPOINTS.forEach((_, k) => out.set([0.5, 0.25, k === 0 ? 0.9 : 0.1], 3 * k));

  it('names the 17 COCO keypoints in order', () => {
    expect(POSE_KEYPOINTS).toHaveLength(17);
    expect([POSE_KEYPOINTS[0], POSE_KEYPOINTS[5], POSE_KEYPOINTS[16]]).toEqual([
      'nose',
      'left_shoulder',
      'right_ankle',
    ]);
  });

  it('maps (y, x) normalised over the input square to frame pixels of the person box', () => {
    const kp = decodeMovenet(out, stretchMapping({ x: 100, y: 40, w: 200, h: 400 }, 192));
    expect(kp).toHaveLength(17);
    expect(kp[0].name).toBe('nose');
    expect(kp[0].x).toBeCloseTo(100 + 0.25 * 200, 4);
    expect(kp[0].y).toBeCloseTo(40 + 0.5 * 400, 4);
    expect(kp[0].score).toBeCloseTo(0.9, 6);
  });

  it('drops keypoints under minScore and refuses a wrong length', () => {
    expect(decodeMovenet(out, stretchMapping({ x: 0, y: 0, w: 192, h: 192 }, 192), 0.5).map((k) => k.name)).toEqual([
      'nose',
    ]);
    expect(() => decodeMovenet(new Float32Array(50), stretchMapping({ x: 0, y: 0, w: 1, h: 1 }, 192))).toThrow(
      RangeError,
    );
  });
});
