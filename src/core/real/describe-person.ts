/**
 * Person notes from the second look: clothing colour, expression, arms, hands (describe-hand.ts), facing and
 * posture, by pure geometry on MoveNet keypoints and hand landmarks with documented thresholds. Never age, gender or ethnicity; never a skin tone. Left and right
 * are as seen in the image (a mirrored webcam swaps them, and so does the caption).
 */
import { torsoColour } from './colour';
import {
  ARM_RAISED_MIN,
  EXPRESSION_MIN_PROB,
  FACING_MAX_NOSE_OFFSET,
  MAX_PERSON_NOTES,
  SITTING_MAX_THIGH_SLOPE,
  STANDING_MIN_THIGH_SLOPE,
  TURNED_MIN_NOSE_OFFSET,
} from './constants';
import { handNote, readHands } from './describe-hand';
import { keypoint } from './keypoints';
import type { Box, Expression, PersonLook, PoseKeypoint, RgbaImage } from './types';

/** What each expression is said as; the others (neutral, and the unreliable angry/disgust/fear) say nothing. */
export const EXPRESSION_NOTES: Partial<Record<Expression, string>> = {
  happy: 'smiling',
  surprise: 'looking surprised',
  sad: 'looking sad',
};

export function expressionNote(probs: PersonLook['expression']): string | null {
  if (!probs) return null;
  const ranked = (Object.entries(probs) as [Expression, number][]).sort((a, b) => b[1] - a[1]);
  const [top, p] = ranked[0] ?? ['neutral', 0];
  return p >= EXPRESSION_MIN_PROB ? (EXPRESSION_NOTES[top] ?? null) : null;
}

/** Shoulder-to-hip length (or 1.2 shoulder widths when the hips are hidden): the person's own length unit. */
function torsoLength(k: readonly PoseKeypoint[]): number | null {
  const ls = keypoint(k, 'left_shoulder');
  const rs = keypoint(k, 'right_shoulder');
  const lh = keypoint(k, 'left_hip') ?? keypoint(k, 'right_hip');
  const s = ls ?? rs;
  if (s && lh) return Math.hypot(s.x - lh.x, s.y - lh.y);
  if (ls && rs) return 1.2 * Math.abs(ls.x - rs.x);
  return null;
}

/** The arms whose wrist is ARM_RAISED_MIN torso lengths above their shoulder ('left', 'right': the person's own). */
export function raisedArms(k: readonly PoseKeypoint[]): Set<'left' | 'right'> {
  const unit = torsoLength(k);
  if (!unit) return new Set();
  return new Set(
    (['left', 'right'] as const).filter((side) => {
      const w = keypoint(k, `${side}_wrist`);
      const s = keypoint(k, `${side}_shoulder`);
      return w && s && s.y - w.y >= ARM_RAISED_MIN * unit;
    }),
  );
}

export function armsNote(k: readonly PoseKeypoint[]): string | null {
  const raised = raisedArms(k).size;
  return raised === 2 ? 'raising both arms' : raised === 1 ? 'raising one arm' : null;
}

export function postureNote(k: readonly PoseKeypoint[]): string | null {
  const slopes: number[] = [];
  for (const side of ['left', 'right']) {
    const hip = keypoint(k, `${side}_hip`);
    const knee = keypoint(k, `${side}_knee`);
    if (!hip || !knee) continue;
    const len = Math.hypot(knee.x - hip.x, knee.y - hip.y);
    if (len > 0) slopes.push((knee.y - hip.y) / len);
  }
  if (slopes.length === 0) return null;
  const ankles = ['left_ankle', 'right_ankle'].some((n) => keypoint(k, n));
  if (slopes.every((s) => s < SITTING_MAX_THIGH_SLOPE)) return 'sitting';
  if (ankles && slopes.every((s) => s >= STANDING_MIN_THIGH_SLOPE)) return 'standing';
  return null;
}

export function facingNote(k: readonly PoseKeypoint[]): string | null {
  const ls = keypoint(k, 'left_shoulder');
  const rs = keypoint(k, 'right_shoulder');
  const nose = keypoint(k, 'nose');
  const eyes = [keypoint(k, 'left_eye'), keypoint(k, 'right_eye')].filter((e) => e).length;
  if (!ls || !rs) return null;
  const width = Math.abs(ls.x - rs.x);
  if (!nose && eyes === 0) return 'turned away';
  if (!nose || width <= 0) return null;
  const offset = (nose.x - (ls.x + rs.x) / 2) / width;
  if (Math.abs(offset) <= FACING_MAX_NOSE_OFFSET && eyes === 2) return 'facing the camera';
  if (Math.abs(offset) >= TURNED_MIN_NOSE_OFFSET) return offset < 0 ? 'facing left' : 'facing right';
  return null;
}

/** The torso box (shoulders to hips, frame px) when all four keypoints are visible. */
function torsoBox(k: readonly PoseKeypoint[]) {
  const pts = ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'].map((n) => keypoint(k, n));
  if (pts.some((p) => !p)) return null;
  const xs = pts.map((p) => p!.x);
  const ys = pts.map((p) => p!.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // The middle of the torso: away from the neck (skin) and the arms at the sides.
  return { x: x0 + 0.2 * (x1 - x0), y: y0 + 0.15 * (y1 - y0), w: 0.6 * (x1 - x0), h: 0.7 * (y1 - y0) };
}

/**
 * The notes of one person, in caption order, at most MAX_PERSON_NOTES: clothing, expression, arms (or a hand note
 * that raises a hand in its place), hands, facing, posture. `objectBoxes` (frame px, other objects in view) keep a
 * hand that holds one of them from being read as a gesture.
 */
export function describePerson(look: PersonLook, frame?: RgbaImage, objectBoxes: readonly Box[] = []): string[] {
  const k = look.keypoints ?? [];
  const torso = torsoBox(k);
  const clothing = torso && frame ? torsoColour(frame, torso) : null;
  const raised = raisedArms(k);
  const hand = handNote(readHands(look.hands ?? [], raised, objectBoxes), raised.size);
  const notes = [
    clothing ? `wearing ${clothing}` : null,
    expressionNote(look.expression),
    hand && hand.raises > 0 ? hand.note : armsNote(k),
    hand && hand.raises === 0 ? hand.note : null,
    facingNote(k),
    postureNote(k),
  ];
  return notes.filter((n): n is string => n !== null).slice(0, MAX_PERSON_NOTES);
}
