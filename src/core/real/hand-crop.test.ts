import { describe, expect, it } from 'vitest';
import { HAND_CROP_FOREARM, HAND_CROP_OFFSET } from './constants';
import { cropToFrame, handCrop, sampleHandCrop } from './hand-crop';
import { decodeHand, HAND_INPUT } from './hand-decode';
import { isHolding } from './relations';
import { paint, seen, solidFrame } from './test-helpers';
import type { PoseKeypoint } from './types';

const kp = (points: Record<string, [number, number]>, score = 0.9): PoseKeypoint[] =>
  Object.entries(points).map(([name, [x, y]]) => ({ name, x, y, score }));

describe('hand crops from the pose', () => {
  it('centres a square beyond the wrist along the forearm, sized from its length, turned so it points up', () => {
    const up = handCrop(kp({ right_elbow: [300, 300], right_wrist: [300, 200] }), 'right')!;
    expect(up.cx).toBeCloseTo(300);
    expect(up.cy).toBeCloseTo(200 - HAND_CROP_OFFSET * 100);
    expect(up.side).toBeCloseTo(HAND_CROP_FOREARM * 100);
    expect(up.angle).toBeCloseTo(0);
    const right = handCrop(kp({ left_elbow: [100, 100], left_wrist: [200, 100] }), 'left')!;
    expect(right.cx).toBeCloseTo(200 + HAND_CROP_OFFSET * 100);
    expect(right.angle).toBeCloseTo(Math.PI / 2);
    // The crop's top middle lies further along the forearm; its bottom middle back towards the elbow.
    const top = cropToFrame(right, HAND_INPUT, HAND_INPUT / 2, 0);
    expect(top.x).toBeCloseTo(right.cx + right.side / 2);
    expect(top.y).toBeCloseTo(100);
  });

  it('is not placed without a sure elbow and wrist, or when the hand would be tiny', () => {
    expect(handCrop(kp({ right_wrist: [300, 200] }), 'right')).toBeNull();
    expect(handCrop(kp({ right_elbow: [300, 300], right_wrist: [300, 200] }, 0.1), 'right')).toBeNull();
    expect(handCrop(kp({ right_elbow: [300, 210], right_wrist: [300, 200] }), 'right')).toBeNull();
  });

  it('a short, foreshortened forearm still gets a crop sized from the shoulders', () => {
    const c = handCrop(
      kp({ left_shoulder: [350, 150], right_shoulder: [250, 150], right_elbow: [240, 220], right_wrist: [240, 200] }),
      'right',
    )!;
    expect(c.side).toBeCloseTo(60);
  });

  it('samples the frame upright along the forearm and maps landmarks back', () => {
    // Forearm pointing right: what lies beyond the wrist (x > 200) must appear at the top of the crop.
    const frame = paint(solidFrame(400, 200, [0, 0, 255]), { x: 240, y: 0, w: 160, h: 200 }, [255, 0, 0]);
    const crop = handCrop(kp({ left_elbow: [100, 100], left_wrist: [200, 100] }), 'left')!;
    const data = sampleHandCrop(frame, crop, 32);
    const at = (u: number, v: number) => Array.from(data.slice((v * 32 + u) * 3, (v * 32 + u) * 3 + 3));
    expect(at(16, 1)).toEqual([255, 0, 0]);
    expect(at(16, 30)).toEqual([0, 0, 255]);
    const out = new Float32Array(63);
    out.set([HAND_INPUT / 2, 0, 5], 0); // the wrist landmark at the crop's top middle
    const h = decodeHand(out, 0.9, crop, 'left');
    expect(h.landmarks[0].x).toBeCloseTo(crop.cx + crop.side / 2);
    expect(h.landmarks[0].y).toBeCloseTo(100);
    expect(h.landmarks[0].z).toBeCloseTo((5 * crop.side) / HAND_INPUT);
    expect(h.presence).toBe(0.9);
  });
});

describe('holding with hands', () => {
  it('a sure hand overlapped by a handheld object holds it, wherever the wrist is', () => {
    const person = seen('person', { x: 200, y: 100, w: 200, h: 400 });
    const cup = seen('cup', { x: 420, y: 200, w: 40, h: 50 });
    const far = kp({ left_wrist: [250, 400], right_wrist: [240, 420] });
    expect(isHolding({ ...person, keypoints: far }, cup)).toBe(false);
    const hand = {
      side: 'left' as const,
      presence: 0.9,
      landmarks: [],
      box: { x: 410, y: 195, w: 40, h: 40 },
      crop: { cx: 0, cy: 0, side: 1, angle: 0 },
    };
    expect(isHolding({ ...person, keypoints: far, hands: [hand] }, cup)).toBe(true);
  });
});
