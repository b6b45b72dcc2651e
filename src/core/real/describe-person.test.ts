import { describe, expect, it } from 'vitest';
import { armsNote, describePerson, expressionNote, facingNote, postureNote } from './describe-person';
import { paint, solidFrame } from './test-helpers';
import type { PoseKeypoint } from './types';

/** A standing person facing the camera, 100 px shoulders, torso 150 px (image coordinates, y down). */
const BODY: Record<string, [number, number]> = {
  nose: [300, 100],
  left_eye: [310, 90],
  right_eye: [290, 90],
  left_ear: [325, 95],
  right_ear: [275, 95],
  left_shoulder: [350, 150],
  right_shoulder: [250, 150],
  left_elbow: [360, 220],
  right_elbow: [240, 220],
  left_wrist: [365, 290],
  right_wrist: [235, 290],
  left_hip: [335, 300],
  right_hip: [265, 300],
  left_knee: [335, 400],
  right_knee: [265, 400],
  left_ankle: [335, 500],
  right_ankle: [265, 500],
};

function pose(changes: Record<string, [number, number] | null> = {}): PoseKeypoint[] {
  return Object.entries({ ...BODY, ...changes }).map(([name, p]) =>
    p ? { name, x: p[0], y: p[1], score: 0.9 } : { name, x: 0, y: 0, score: 0.05 },
  );
}

describe('person notes from keypoints', () => {
  it('reads a standing person facing the camera, arms down', () => {
    expect(armsNote(pose())).toBeNull();
    expect(facingNote(pose())).toBe('facing the camera');
    expect(postureNote(pose())).toBe('standing');
  });

  it('reads raised arms: both, or one', () => {
    expect(armsNote(pose({ left_wrist: [370, 60], right_wrist: [230, 70] }))).toBe('raising both arms');
    expect(armsNote(pose({ right_wrist: [230, 70] }))).toBe('raising one arm');
    expect(armsNote(pose({ right_wrist: [230, 140] }))).toBeNull(); // just above the shoulder: not raised
  });

  it('reads sitting from horizontal thighs', () => {
    expect(
      postureNote(pose({ left_knee: [420, 310], right_knee: [350, 315], left_ankle: null, right_ankle: null })),
    ).toBe('sitting');
  });

  it('says no posture without hips and knees, and standing needs an ankle', () => {
    expect(postureNote(pose({ left_knee: null, right_knee: null }))).toBeNull();
    expect(postureNote(pose({ left_ankle: null, right_ankle: null }))).toBeNull();
  });

  it('reads the face turned left or right (as seen in the image), and turned away', () => {
    expect(facingNote(pose({ nose: [250, 100], left_eye: null }))).toBe('facing left');
    expect(facingNote(pose({ nose: [350, 100], right_eye: null }))).toBe('facing right');
    expect(facingNote(pose({ nose: null, left_eye: null, right_eye: null }))).toBe('turned away');
    expect(facingNote(pose({ nose: [330, 100] }))).toBeNull(); // in between: unsure
  });

  it('says smiling and surprised only above 0.6, never neutral or the unreliable expressions', () => {
    expect(expressionNote({ happy: 0.8, neutral: 0.2 })).toBe('smiling');
    expect(expressionNote({ surprise: 0.7 })).toBe('looking surprised');
    expect(expressionNote({ happy: 0.5, neutral: 0.5 })).toBeNull();
    expect(expressionNote({ neutral: 0.9 })).toBeNull();
    expect(expressionNote({ angry: 0.9 })).toBeNull();
    expect(expressionNote(undefined)).toBeNull();
  });

  it('puts the notes in order, at most three, with the shirt colour from the torso', () => {
    const frame = paint(solidFrame(600, 600, [128, 128, 128]), { x: 240, y: 140, w: 120, h: 170 }, [40, 90, 225]);
    const look = {
      box: { x: 200, y: 60, w: 200, h: 460 },
      keypoints: pose({ left_wrist: [370, 60], right_wrist: [230, 70] }),
      expression: { happy: 0.9 },
    };
    expect(describePerson(look, frame)).toEqual(['wearing blue', 'smiling', 'raising both arms']);
    expect(describePerson({ ...look, expression: undefined }, frame)).toEqual([
      'wearing blue',
      'raising both arms',
      'facing the camera',
    ]);
  });

  it('never names a bare torso', () => {
    const frame = paint(solidFrame(600, 600, [128, 128, 128]), { x: 240, y: 140, w: 120, h: 170 }, [198, 134, 66]);
    expect(describePerson({ box: { x: 200, y: 60, w: 200, h: 460 }, keypoints: pose() }, frame)).toEqual([
      'facing the camera',
      'standing',
    ]);
  });

  it('accepts camelCase keypoint names', () => {
    const camel = pose().map((k) => ({ ...k, name: k.name.replace(/_(\w)/, (_, c: string) => c.toUpperCase()) }));
    expect(postureNote(camel)).toBe('standing');
  });
});
