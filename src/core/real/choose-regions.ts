/**
 * Regions for the second look: the boxes of the glance's objects and the detector's weak peaks, each grown by a
 * context margin, made square, clipped to the frame, ranked (REGION_BONUS, WEAK_PEAK_WEIGHT), thinned by overlap
 * and kept only when the look is at least MIN_CLOSER times closer than the glance.
 */
import {
  GLANCE_SIZE_PX,
  LOOK_SIZE_PX,
  MIN_CLOSER,
  REGION_BONUS,
  REGION_MARGIN,
  REGION_MAX_CONTAINMENT,
  REGION_MAX_IOU,
  REGION_MIN_SIDE_PX,
  WEAK_PEAK_MIN_SCORE,
  WEAK_PEAK_WEIGHT,
  HEDGE_MIN_SCORE,
} from './constants';
import { containment, iou } from './geometry';
import type { Box, LookRegion, RegionReason, SeenObject, WeakPeak } from './types';

/** How many regions, and the detectors' input sides (px) that fix how much closer a look is. */
export interface RegionOptions {
  k: number;
  /** Side the whole frame's longer side is resized to for the glance (default GLANCE_SIZE_PX). */
  glanceSize?: number;
  /** Side a crop is resized to for the look (default LOOK_SIZE_PX). */
  lookSize?: number;
  /** The bundle reads people's pose and face: a person's region is worth a look at any scale (MIN_CLOSER). */
  readsPeople?: boolean;
}

/** A box grown by REGION_MARGIN per side, made square (at least REGION_MIN_SIDE_PX), shifted then clipped inside. */
export function regionBox(box: Box, frame: { width: number; height: number }): Box {
  const side = Math.max(REGION_MIN_SIDE_PX, box.w * (1 + 2 * REGION_MARGIN), box.h * (1 + 2 * REGION_MARGIN));
  const w = Math.min(side, frame.width);
  const h = Math.min(side, frame.height);
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const x = Math.min(Math.max(cx - w / 2, 0), frame.width - w);
  const y = Math.min(Math.max(cy - h / 2, 0), frame.height - h);
  return { x, y, w, h };
}

/** How much closer a look at `region` is than the glance: look px per frame px over glance px per frame px. */
export function closerRatio(region: Box, frame: { width: number; height: number }, opts: RegionOptions): number {
  const glance = (opts.glanceSize ?? GLANCE_SIZE_PX) / Math.max(frame.width, frame.height);
  const look = (opts.lookSize ?? LOOK_SIZE_PX) / Math.max(region.w, region.h);
  return look / glance;
}

/** The rank score of a glance object: 1, plus bonuses for small, hedged and people. */
export function objectScore(o: SeenObject): number {
  return (
    1 +
    (o.size === 'small' ? REGION_BONUS.small : 0) +
    (o.hedged ? REGION_BONUS.hedged : 0) +
    (o.label === 'person' ? REGION_BONUS.person : 0)
  );
}

/**
 * The top `k` regions, best first. Candidates: every object (all were said or are hedged doubts) and every weak
 * peak at or above WEAK_PEAK_MIN_SCORE. Ties keep objects before peaks and input order. A candidate mostly
 * inside a better region goes (that look already covers it); a bigger one around a better small one stays (a
 * person holding a cup: the cup's crop does not read the person's pose).
 */
export function chooseRegions(
  objects: readonly SeenObject[],
  peaks: readonly WeakPeak[],
  frame: { width: number; height: number },
  opts: RegionOptions,
): LookRegion[] {
  const candidates: LookRegion[] = [];
  const add = (box: Box, reason: RegionReason, score: number, person = false) => {
    const region = regionBox(box, frame);
    const closer = closerRatio(region, frame, opts);
    if (closer >= MIN_CLOSER || (person && opts.readsPeople)) candidates.push({ box: region, reason, score, closer });
  };
  objects.forEach((o, index) => add(o.box, { kind: 'object', index }, objectScore(o), o.label === 'person'));
  peaks.forEach((p, index) => {
    if (p.score >= WEAK_PEAK_MIN_SCORE)
      add(p.box, { kind: 'weak peak', index }, WEAK_PEAK_WEIGHT * (p.score / HEDGE_MIN_SCORE));
  });
  candidates.sort((a, b) => b.score - a.score);
  const chosen: LookRegion[] = [];
  for (const c of candidates) {
    if (chosen.length >= opts.k) break;
    const overlaps = chosen.some(
      (s) => iou(c.box, s.box) > REGION_MAX_IOU || containment(c.box, s.box) > REGION_MAX_CONTAINMENT,
    );
    if (!overlaps) chosen.push(c);
  }
  return chosen;
}
