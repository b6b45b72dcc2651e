/**
 * Relations read from box geometry (and wrists and hands when the second look read a pose and hands). Only clear cases are said: at
 * most MAX_RELATIONS per caption, each object in at most one relation, the object of a relation alone in its
 * group (so "next to the car" can only mean one car). Priority: riding, holding, on, next to.
 */
import {
  HAND_HOLD_MIN_OVERLAP,
  HOLD_BAND,
  HOLD_MAX_AREA_RATIO,
  HOLD_WRIST_MARGIN,
  MAX_RELATIONS,
  NEXT_TO_MAX_AREA_RATIO,
  NEXT_TO_MAX_GAP,
  NEXT_TO_MAX_X_OVERLAP,
  NEXT_TO_MIN_ROW_OVERLAP,
  ON_MAX_AREA_RATIO,
  ON_MAX_DEPTH,
  RIDE_BOTTOM_RANGE,
} from './constants';
import { area, centre, containment } from './geometry';
import type { ObjectGroup } from './group';
import { keypoint } from './keypoints';
import type { Relation, SeenObject } from './types';

/** What a person can ride (said 'riding'). */
export const RIDDEN = new Set(['horse', 'bicycle', 'motorcycle', 'elephant']);
/** What objects rest on (said 'on'). */
export const SUPPORTS = new Set(['dining table', 'bed', 'couch', 'bench', 'chair', 'toilet', 'sink']);
/** What a person holds in a hand (said 'holding'). */
// prettier-ignore
export const HANDHELD = new Set([
  'cup', 'cell phone', 'bottle', 'remote', 'book', 'tennis racket', 'umbrella', 'wine glass', 'baseball bat',
  'frisbee', 'sports ball', 'knife', 'fork', 'spoon', 'donut', 'hot dog', 'sandwich', 'banana', 'apple',
  'orange', 'toothbrush', 'hair drier', 'scissors', 'teddy bear', 'handbag', 'kite', 'mouse',
]);

export function isRiding(person: SeenObject, ride: SeenObject): boolean {
  const p = person.box;
  const r = ride.box;
  const cx = centre(p).x;
  const bottom = (p.y + p.h - r.y) / r.h;
  return (
    cx > r.x + 0.1 * r.w &&
    cx < r.x + 0.9 * r.w &&
    p.y < r.y &&
    bottom >= RIDE_BOTTOM_RANGE[0] &&
    bottom <= RIDE_BOTTOM_RANGE[1]
  );
}

export function isOn(thing: SeenObject, support: SeenObject): boolean {
  const t = thing.box;
  const s = support.box;
  const cx = centre(t).x;
  const bottom = t.y + t.h;
  return (
    area(t) < ON_MAX_AREA_RATIO * area(s) &&
    cx > s.x &&
    cx < s.x + s.w &&
    bottom >= s.y &&
    bottom <= s.y + ON_MAX_DEPTH * s.h &&
    t.y < s.y + ON_MAX_DEPTH * s.h
  );
}

export function isHolding(person: SeenObject, thing: SeenObject): boolean {
  const p = person.box;
  const t = thing.box;
  if (area(t) >= HOLD_MAX_AREA_RATIO * area(p)) return false;
  // A hand the hand model is sure of, overlapped by the object (its landmarks' box, grown like the wrist margin).
  const mx = HOLD_WRIST_MARGIN * t.w;
  const my = HOLD_WRIST_MARGIN * t.h;
  const grown = { x: t.x - mx, y: t.y - my, w: t.w + 2 * mx, h: t.h + 2 * my };
  if (person.hands?.some((h) => containment(h.box, grown) >= HAND_HOLD_MIN_OVERLAP)) return true;
  const wrists = ['left_wrist', 'right_wrist'].map((n) => keypoint(person.keypoints, n)).filter((k) => k);
  if (wrists.length > 0) {
    return wrists.some((k) => k!.x >= t.x - mx && k!.x <= t.x + t.w + mx && k!.y >= t.y - my && k!.y <= t.y + t.h + my);
  }
  const c = centre(t);
  return c.x > p.x && c.x < p.x + p.w && c.y >= p.y + HOLD_BAND[0] * p.h && c.y <= p.y + HOLD_BAND[1] * p.h;
}

export function isNextTo(a: SeenObject, b: SeenObject): boolean {
  const [p, q] = [a.box, b.box];
  const rowOverlap = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
  const gap = Math.max(p.x, q.x) - Math.min(p.x + p.w, q.x + q.w);
  const ratio = Math.max(area(p), area(q)) / Math.max(1, Math.min(area(p), area(q)));
  return (
    rowOverlap >= NEXT_TO_MIN_ROW_OVERLAP * Math.min(p.h, q.h) &&
    gap <= NEXT_TO_MAX_GAP * ((p.w + q.w) / 2) &&
    -gap <= NEXT_TO_MAX_X_OVERLAP * Math.min(p.w, q.w) &&
    ratio <= NEXT_TO_MAX_AREA_RATIO
  );
}

/** The relations a caption states, in priority order, among the objects the groups name. */
export function findRelations(objects: readonly SeenObject[], groups: readonly ObjectGroup[]): Relation[] {
  const groupOf = new Map<number, ObjectGroup>();
  for (const g of groups) for (const i of g.members) groupOf.set(i, g);
  const named = [...groupOf.keys()];
  const alone = (i: number) => groupOf.get(i)!.members.length === 1;
  const used = new Set<number>();
  const out: Relation[] = [];
  const tryAdd = (
    kind: Relation['kind'],
    test: (s: SeenObject, o: SeenObject) => boolean,
    subj: (o: SeenObject) => boolean,
    obj: (o: SeenObject) => boolean,
  ) => {
    for (const s of named) {
      for (const o of named) {
        if (out.length >= MAX_RELATIONS || s === o || used.has(s) || used.has(o) || !alone(o)) continue;
        if (groupOf.get(s) === groupOf.get(o) || !subj(objects[s]) || !obj(objects[o])) continue;
        if (!test(objects[s], objects[o])) continue;
        out.push({ kind, subject: s, object: o });
        used.add(s).add(o);
      }
    }
  };
  const person = (o: SeenObject) => o.label === 'person';
  tryAdd('riding', isRiding, person, (o) => RIDDEN.has(o.label));
  // Without a pose, a cup resting on a table in front of a person is not "held": the table wins.
  const resting = (o: SeenObject) => objects.some((t) => SUPPORTS.has(t.label) && isOn(o, t));
  const holds = (p: SeenObject, o: SeenObject) => isHolding(p, o) && (p.keypoints !== undefined || !resting(o));
  tryAdd('holding', holds, person, (o) => HANDHELD.has(o.label));
  tryAdd(
    'on',
    isOn,
    (o) => !person(o) && !SUPPORTS.has(o.label),
    (o) => SUPPORTS.has(o.label),
  );
  tryAdd(
    'next to',
    isNextTo,
    () => true,
    () => true,
  );
  return out;
}
