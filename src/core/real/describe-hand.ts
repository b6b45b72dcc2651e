/**
 * What a hand does, in words, from the hand model's 21 landmarks (frame px) by pure geometry: each finger extended
 * or curled, then a gesture (an open hand, a fist, pointing, a thumbs up), then one note per person ("raising an
 * open hand", "pointing left"). Only hands the model is sure of (presence at least HAND_MIN_PRESENCE) and only clear
 * gestures are said; a hand holding a detected object is left to the 'holding' relation. Left and right are as
 * seen in the image; a hand says nothing about who the person is.
 */
import {
  FINGER_CURLED_MAX_REACH,
  FINGER_REACH_MIN,
  FINGER_STRAIGHT_MIN,
  HAND_DIRECTION_MAX_DEG,
  HAND_HOLD_MIN_OVERLAP,
  HAND_MIN_PRESENCE,
} from './constants';
import { containment } from './geometry';
import type { Box, HandLook, HandPoint } from './types';

export type Finger = 'thumb' | 'index' | 'middle' | 'ring' | 'pinky';
export type FingerState = 'extended' | 'curled';
export type Gesture = 'open' | 'fist' | 'pointing' | 'thumbs up';
export type Direction = 'up' | 'down' | 'left' | 'right';

/** Landmark indices of each finger, base to tip (MediaPipe: thumb CMC..TIP, others MCP, PIP, DIP, TIP). */
const FINGERS: Record<Finger, readonly [number, number, number, number]> = {
  thumb: [1, 2, 3, 4],
  index: [5, 6, 7, 8],
  middle: [9, 10, 11, 12],
  ring: [13, 14, 15, 16],
  pinky: [17, 18, 19, 20],
};

const dist = (a: HandPoint, b: HandPoint) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

/**
 * A finger's state, or null when it is neither clearly extended nor clearly curled. Extended: its joints in a line
 * (|base->tip| over the bones' summed length at least FINGER_STRAIGHT_MIN) and its tip farther from the wrist than
 * its middle joint (FINGER_REACH_MIN times). Curled: the tip no farther from the wrist than that joint. The thumb's
 * "middle joint" is its MCP and its reach is measured from the index finger's base (it folds across the palm).
 */
export function fingerState(points: readonly HandPoint[], finger: Finger): FingerState | null {
  if (points.length !== 21) return null;
  const [a, b, c, d] = FINGERS[finger].map((i) => points[i]);
  const bones = dist(a, b) + dist(b, c) + dist(c, d);
  if (!(bones > 0)) return null;
  const straight = finger === 'thumb' ? dist(b, d) / (dist(b, c) + dist(c, d)) : dist(a, d) / bones;
  const from = finger === 'thumb' ? points[5] : points[0];
  const reach = dist(from, d) / Math.max(1e-6, dist(from, b));
  if (straight >= FINGER_STRAIGHT_MIN && reach >= FINGER_REACH_MIN) return 'extended';
  if (reach <= FINGER_CURLED_MAX_REACH) return 'curled';
  return null;
}

/** Up, down, left or right (image axes) when the vector lies within HAND_DIRECTION_MAX_DEG of one, else null. */
export function direction(dx: number, dy: number): Direction | null {
  if (dx === 0 && dy === 0) return null;
  const deg = (Math.atan2(dx, -dy) * 180) / Math.PI; // 0 = up, 90 = right, +-180 = down, -90 = left
  const near = (target: number) => Math.abs(((deg - target + 540) % 360) - 180) <= HAND_DIRECTION_MAX_DEG;
  if (near(0)) return 'up';
  if (near(90)) return 'right';
  if (near(180)) return 'down';
  if (near(-90)) return 'left';
  return null;
}

/** A clear gesture of the hand, or null: open (four fingers out), fist, pointing (index only), thumbs up. */
export function gestureOf(points: readonly HandPoint[]): Gesture | null {
  const four = (['index', 'middle', 'ring', 'pinky'] as const).map((f) => fingerState(points, f));
  if (four.every((s) => s === 'extended')) return 'open';
  if (four[0] === 'extended' && four.slice(1).every((s) => s === 'curled')) return 'pointing';
  if (!four.every((s) => s === 'curled')) return null;
  const thumbUp = direction(points[4].x - points[2].x, points[4].y - points[2].y) === 'up';
  return fingerState(points, 'thumb') === 'extended' && thumbUp ? 'thumbs up' : 'fist';
}

/** One hand as the note sees it. */
export interface HandReading {
  side: HandLook['side'];
  gesture: Gesture;
  /** Its arm is raised (describe-person.ts' rule: the wrist well above the shoulder). */
  raised: boolean;
  /** Pointing: where the index finger points (MCP -> tip), when clear. */
  direction: Direction | null;
}

/**
 * The hands worth a word: sure (presence), with a clear gesture, and not holding anything (a detected object's box
 * over HAND_HOLD_MIN_OVERLAP of the hand's box: the 'holding' relation says that).
 */
export function readHands(
  hands: readonly HandLook[],
  raised: ReadonlySet<string>,
  objectBoxes: readonly Box[] = [],
): HandReading[] {
  const out: HandReading[] = [];
  for (const h of hands) {
    if (h.presence < HAND_MIN_PRESENCE) continue;
    if (objectBoxes.some((b) => containment(h.box, b) >= HAND_HOLD_MIN_OVERLAP)) continue;
    const gesture = gestureOf(h.landmarks);
    if (!gesture) continue;
    const [mcp, tip] = [h.landmarks[5], h.landmarks[8]];
    const dir = gesture === 'pointing' ? direction(tip.x - mcp.x, tip.y - mcp.y) : null;
    out.push({ side: h.side, gesture, raised: raised.has(h.side), direction: dir });
  }
  return out;
}

/** Single hands, by gesture and raised arm. */
function oneHand(r: HandReading): string {
  switch (r.gesture) {
    case 'open':
      return r.raised ? 'raising an open hand' : 'showing an open hand';
    case 'fist':
      return r.raised ? 'raising a fist' : 'making a fist';
    case 'pointing':
      return r.direction ? `pointing ${r.direction}` : 'pointing';
    case 'thumbs up':
      return 'giving a thumbs up';
  }
}

/** Both hands with one gesture. */
function bothHands(g: Gesture, raised: boolean): string {
  switch (g) {
    case 'open':
      return raised ? 'raising both open hands' : 'showing both open hands';
    case 'fist':
      return raised ? 'raising both fists' : 'making two fists';
    case 'pointing':
      return 'pointing with both hands';
    case 'thumbs up':
      return 'giving two thumbs up';
  }
}

/** Which single hand is said when the two differ: pointing, thumbs up, then raised, open before fist. */
function rank(r: HandReading): number {
  const g = { pointing: 0, 'thumbs up': 1, open: 2, fist: 3 }[r.gesture];
  return g < 2 ? g : r.raised ? g : g + 2;
}

/** Every phrase a hand note can be (the parser and the tests read this list). */
export const HAND_NOTES: readonly string[] = Object.freeze([
  'raising an open hand',
  'showing an open hand',
  'raising a fist',
  'making a fist',
  'pointing up',
  'pointing down',
  'pointing left',
  'pointing right',
  'pointing',
  'giving a thumbs up',
  'raising both open hands',
  'showing both open hands',
  'raising both fists',
  'making two fists',
  'pointing with both hands',
  'giving two thumbs up',
]);

/**
 * The person's one hand note, and how many raised arms it speaks of (a note that raises a hand stands in for the
 * arms note). `raisedArms` is how many arms the pose sees raised: a note may only say 'raising' when it covers
 * all of them ("raising both arms" is not also "raising a fist"), else it says the gesture unraised.
 */
export function handNote(
  readings: readonly HandReading[],
  raisedArms: number,
): { note: string; raises: number } | null {
  if (readings.length === 0) return null;
  const pick = (rs: readonly HandReading[]) => {
    if (rs.length === 2 && rs[0].gesture === rs[1].gesture) {
      const raised = rs[0].raised && rs[1].raised;
      return { note: bothHands(rs[0].gesture, raised), raises: raised && rs[0].gesture !== 'pointing' ? 2 : 0 };
    }
    const best = [...rs].sort((a, b) => rank(a) - rank(b))[0];
    const raises = best.raised && (best.gesture === 'open' || best.gesture === 'fist') ? 1 : 0;
    return { note: oneHand(best), raises };
  };
  const first = pick(readings);
  if (first.raises === 0 || first.raises === raisedArms) return first;
  return pick(readings.map((r) => ({ ...r, raised: false })));
}
