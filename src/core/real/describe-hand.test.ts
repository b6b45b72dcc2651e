import { describe, expect, it } from 'vitest';
import { describePerson } from './describe-person';
import { direction, fingerState, gestureOf, handNote, HAND_NOTES, readHands, type HandReading } from './describe-hand';
import type { HandLook, HandPoint, PoseKeypoint } from './types';

// Hand-made landmarks (MediaPipe's 21, frame px): an upright right hand, wrist at the origin, palm 80 px long,
// fingers up; each finger extended or curled, the thumb out to the side, folded, or up. Independent of any model.
type State = 'out' | 'curl' | 'bent';
const BASES = { index: -30, middle: -10, ring: 10, pinky: 28 } as const;

function finger(bx: number, s: State): HandPoint[] {
  const mcp = { x: bx, y: -80, z: 0 };
  if (s === 'out') return [mcp, { x: bx, y: -115, z: 0 }, { x: bx, y: -138, z: 0 }, { x: bx, y: -158, z: 0 }];
  if (s === 'curl') return [mcp, { x: bx, y: -105, z: -10 }, { x: bx, y: -85, z: -25 }, { x: bx, y: -65, z: -15 }];
  // Half bent: the tip past the PIP but the joints far from a line (neither clearly out nor curled).
  return [mcp, { x: bx, y: -110, z: 0 }, { x: bx, y: -125, z: -20 }, { x: bx, y: -118, z: -38 }];
}

function hand(
  fingers: Partial<Record<keyof typeof BASES, State>>,
  thumb: 'side' | 'folded' | 'up' = 'folded',
  at = { x: 300, y: 400, angleDeg: 0 },
): HandPoint[] {
  const thumbs = {
    side: [
      { x: -25, y: -20 },
      { x: -45, y: -40 },
      { x: -68, y: -50 },
      { x: -90, y: -60 },
    ],
    folded: [
      { x: -25, y: -20 },
      { x: -45, y: -40 },
      { x: -30, y: -50 },
      { x: -10, y: -60 },
    ],
    up: [
      { x: -25, y: -30 },
      { x: -40, y: -60 },
      { x: -42, y: -95 },
      { x: -44, y: -120 },
    ],
  }[thumb].map((p) => ({ ...p, z: 0 }));
  const local = [
    { x: 0, y: 0, z: 0 },
    ...thumbs,
    ...(Object.keys(BASES) as (keyof typeof BASES)[]).flatMap((f) => finger(BASES[f], fingers[f] ?? 'curl')),
  ];
  const a = (at.angleDeg * Math.PI) / 180;
  // Turned clockwise by angleDeg in image coordinates (y down): 90 points the fingers right, -90 left.
  return local.map((p) => ({
    x: at.x + p.x * Math.cos(a) - p.y * Math.sin(a),
    y: at.y + p.x * Math.sin(a) + p.y * Math.cos(a),
    z: p.z,
  }));
}

const OPEN = { index: 'out', middle: 'out', ring: 'out', pinky: 'out' } as const;

function look(points: HandPoint[], side: 'left' | 'right' = 'right', presence = 0.95): HandLook {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys),
    w: Math.max(...xs) - Math.min(...xs),
    h: Math.max(...ys) - Math.min(...ys),
  };
  return { side, presence, landmarks: points, box, crop: { cx: 0, cy: 0, side: 200, angle: 0 } };
}

describe('fingers from landmarks', () => {
  it('tells extended, curled and unclear fingers apart', () => {
    const h = hand({ index: 'out', middle: 'curl', ring: 'bent' }, 'side');
    expect(fingerState(h, 'index')).toBe('extended');
    expect(fingerState(h, 'middle')).toBe('curled');
    expect(fingerState(h, 'ring')).toBeNull();
    expect(fingerState(h, 'thumb')).toBe('extended');
    expect(fingerState(hand({}, 'folded'), 'thumb')).toBe('curled');
  });

  it('needs all 21 landmarks', () => {
    expect(fingerState(hand(OPEN).slice(0, 20), 'index')).toBeNull();
  });
});

describe('gestures', () => {
  it('reads an open hand, a fist, pointing and a thumbs up', () => {
    expect(gestureOf(hand(OPEN, 'side'))).toBe('open');
    expect(gestureOf(hand({}, 'folded'))).toBe('fist');
    expect(gestureOf(hand({}, 'side'))).toBe('fist'); // thumb out sideways, not up
    expect(gestureOf(hand({ index: 'out' }))).toBe('pointing');
    expect(gestureOf(hand({}, 'up'))).toBe('thumbs up');
  });

  it('says nothing of unclear hands (two fingers out, a half-bent finger)', () => {
    expect(gestureOf(hand({ index: 'out', middle: 'out' }))).toBeNull();
    expect(gestureOf(hand({ ...OPEN, ring: 'bent' }))).toBeNull();
  });

  it('is the same gesture whichever way the hand is turned', () => {
    for (const angleDeg of [-90, -30, 45, 180]) {
      const at = { x: 200, y: 200, angleDeg };
      expect(gestureOf(hand(OPEN, 'side', at))).toBe('open');
      expect(gestureOf(hand({}, 'folded', at))).toBe('fist');
      expect(gestureOf(hand({ index: 'out' }, 'folded', at))).toBe('pointing');
    }
  });

  it('names directions within 30 degrees of an axis, as seen in the image', () => {
    expect(direction(0, -10)).toBe('up');
    expect(direction(10, 0)).toBe('right');
    expect(direction(-10, 3)).toBe('left');
    expect(direction(1, 10)).toBe('down');
    expect(direction(10, -10)).toBeNull();
  });
});

describe('hand notes', () => {
  const none = new Set<string>();

  it('reads where a pointing finger points', () => {
    const left = readHands([look(hand({ index: 'out' }, 'folded', { x: 300, y: 300, angleDeg: -90 }))], none);
    expect(left).toEqual([{ side: 'right', gesture: 'pointing', raised: false, direction: 'left' }]);
    expect(handNote(left, 0)).toEqual({ note: 'pointing left', raises: 0 });
  });

  it('trusts only sure hands, and leaves a hand over a detected object to "holding"', () => {
    expect(readHands([look(hand(OPEN, 'side'), 'right', 0.3)], none)).toEqual([]);
    const h = look(hand({}, 'folded'));
    expect(readHands([h], none)).toHaveLength(1);
    expect(readHands([h], none, [{ x: 270, y: 300, w: 60, h: 80 }])).toEqual([]);
  });

  it('says one hand, both hands, and prefers pointing when the hands differ', () => {
    const r = (gesture: HandReading['gesture'], raised = false, side: 'left' | 'right' = 'right'): HandReading => ({
      side,
      gesture,
      raised,
      direction: null,
    });
    expect(handNote([r('open', true)], 1)).toEqual({ note: 'raising an open hand', raises: 1 });
    expect(handNote([r('fist')], 0)).toEqual({ note: 'making a fist', raises: 0 });
    expect(handNote([r('fist', false, 'left'), r('fist')], 0)).toEqual({ note: 'making two fists', raises: 0 });
    expect(handNote([r('open', true, 'left'), r('open', true)], 2)).toEqual({
      note: 'raising both open hands',
      raises: 2,
    });
    expect(handNote([r('open', true), r('pointing', false, 'left')], 1)?.note).toBe('pointing');
    expect(handNote([r('thumbs up')], 0)?.note).toBe('giving a thumbs up');
    // Both arms up but one open hand seen: "raising both arms" stays; the hand is said without raising.
    expect(handNote([r('open', true)], 2)).toEqual({ note: 'showing an open hand', raises: 0 });
    expect(handNote([], 0)).toBeNull();
  });

  it('writes only phrases of the grammar', () => {
    const gestures = ['open', 'fist', 'pointing', 'thumbs up'] as const;
    for (const a of gestures)
      for (const b of gestures)
        for (const raised of [false, true]) {
          const rs: HandReading[] = [
            { side: 'left', gesture: a, raised, direction: null },
            { side: 'right', gesture: b, raised, direction: 'up' },
          ];
          for (const arms of [0, 1, 2]) {
            const n = handNote(rs, arms);
            if (n) expect(HAND_NOTES).toContain(n.note);
          }
        }
  });
});

describe('a person with hands', () => {
  // A person facing the camera, right arm raised (wrist well above the shoulder), left arm down.
  const BODY: Record<string, [number, number]> = {
    nose: [300, 100],
    left_eye: [310, 90],
    right_eye: [290, 90],
    left_shoulder: [350, 150],
    right_shoulder: [250, 150],
    left_elbow: [360, 220],
    right_elbow: [230, 100],
    left_wrist: [365, 290],
    right_wrist: [225, 40],
    left_hip: [335, 300],
    right_hip: [265, 300],
  };
  const k: PoseKeypoint[] = Object.entries(BODY).map(([name, [x, y]]) => ({ name, x, y, score: 0.9 }));

  it('a raised open hand stands in for the raised arm', () => {
    const notes = describePerson({
      box: { x: 200, y: 0, w: 200, h: 400 },
      keypoints: k,
      hands: [look(hand(OPEN, 'side', { x: 225, y: 40, angleDeg: 0 }))],
    });
    expect(notes).toContain('raising an open hand');
    expect(notes).not.toContain('raising one arm');
  });

  it('an unsure hand leaves the arms note as it was', () => {
    const unsure = look(hand(OPEN, 'side'), 'right', 0.2);
    const notes = describePerson({ box: { x: 200, y: 0, w: 200, h: 400 }, keypoints: k, hands: [unsure] });
    expect(notes).toContain('raising one arm');
    expect(notes.some((n) => HAND_NOTES.includes(n))).toBe(false);
  });

  it('a fist at the side is said after the arms note', () => {
    const fist = look(hand({}, 'folded', { x: 365, y: 290, angleDeg: 180 }), 'left');
    const notes = describePerson({ box: { x: 200, y: 0, w: 200, h: 400 }, keypoints: k, hands: [fist] });
    expect(notes.slice(0, 2)).toEqual(['raising one arm', 'making a fist']);
  });
});
