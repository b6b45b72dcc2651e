/**
 * The second look's rules: merge what the crops saw (detections already in frame px, people's poses and faces)
 * into the glance's objects. In order: same-class matches confirm (a hedged object loses its hedge); a confident
 * crop detection of another class that clearly beats a matched object relabels it (corrected); a confident crop
 * detection matching nothing is added (found); a hedged object that a region looked at and no crop detection of its
 * class matched is dropped (withdrawn; a weak match keeps it hedged); people get their notes (detailed). Confident
 * glance objects the crops miss are kept: a crop can cut an object, the glance saw it whole.
 */
import {
  CONFIDENT_MIN_SCORE,
  HAND_MIN_PRESENCE,
  HEDGE_MIN_SCORE,
  LOOK_CONFIRM_MIN_SCORE,
  LOOKED_MIN_CONTAINMENT,
  MATCH_IOU,
  RELABEL_MARGIN,
  WITHDRAW_UNCONFIRMED,
} from './constants';
import { describeDetection } from './describe-objects';
import { describePerson } from './describe-person';
import { containment, iou } from './geometry';
import { compareReading, mergeDuplicates } from './group';
import { HANDHELD } from './relations';
import type { Box, Detection, LookChange, RegionLook, RgbaImage, SeenObject } from './types';

/** The refined objects (reading order) and what changed, for the UI and the refined caption. */
export interface LookOutcome {
  objects: SeenObject[];
  changes: LookChange[];
}

/** A crop detection this close (px) to its region's edge, inside the frame, is a cut-off view: never 'found'. */
const CUT_EDGE_PX = 2;

interface Entry {
  obj: SeenObject;
  glance: number | null;
  kinds: LookChange['kind'][];
  from?: string;
  /** Matched by a crop detection of its own class (any score above HEDGE_MIN_SCORE). */
  seen: boolean;
}

function cutOff(d: Box, region: Box, frame: RgbaImage): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= CUT_EDGE_PX;
  return (
    (near(d.x, region.x) && region.x > 0) ||
    (near(d.y, region.y) && region.y > 0) ||
    (near(d.x + d.w, region.x + region.w) && region.x + region.w < frame.width) ||
    (near(d.y + d.h, region.y + region.h) && region.y + region.h < frame.height)
  );
}

function bestMatch(entries: Entry[], box: Box, accept: (e: Entry) => boolean): Entry | null {
  let best: Entry | null = null;
  let bestIou = MATCH_IOU;
  for (const e of entries) {
    const v = iou(e.obj.box, box);
    if (v >= bestIou && accept(e)) [best, bestIou] = [e, v];
  }
  return best;
}

/** How the look treats what it did not see again (constants.ts, WITHDRAW_UNCONFIRMED). */
export interface MergeOptions {
  /** Drop a hedged glance object the look examined and did not find; false keeps it hedged. */
  withdrawUnconfirmed?: boolean;
}

export function mergeLook(
  glance: readonly SeenObject[],
  looks: readonly RegionLook[],
  frame: RgbaImage,
  options: MergeOptions = {},
): LookOutcome {
  const withdraw = options.withdrawUnconfirmed ?? WITHDRAW_UNCONFIRMED;
  const entries: Entry[] = glance.map((o, i) => ({
    obj: { ...o, notes: [...o.notes] },
    glance: i,
    kinds: [],
    seen: false,
  }));
  const withRegion = looks.flatMap((l) => l.detections.map((d) => ({ ...d, region: l.box })));
  // Weak same-class detections only confirm (LOOK_CONFIRM_MIN_SCORE); what is new must pass HEDGE_MIN_SCORE.
  const confirming = withRegion.filter((d) => d.score >= LOOK_CONFIRM_MIN_SCORE);
  for (const d of confirming) {
    if (d.score >= HEDGE_MIN_SCORE) continue;
    const e = bestMatch(entries, d.box, (e) => e.obj.label === d.label);
    if (e) e.seen = true;
  }
  const dets = mergeDuplicates(withRegion.filter((d) => d.score >= HEDGE_MIN_SCORE)).sort((a, b) => b.score - a.score);
  const used = new Set<Detection>();
  for (const d of dets) {
    const e = bestMatch(entries, d.box, (e) => e.obj.label === d.label);
    if (!e) continue;
    used.add(d);
    e.seen = true;
    if (e.obj.hedged && d.score >= CONFIDENT_MIN_SCORE) {
      Object.assign(e.obj, { hedged: false, score: d.score });
      e.kinds.push('confirmed');
    }
  }
  for (const d of dets) {
    if (used.has(d)) continue;
    const e = bestMatch(entries, d.box, () => true);
    if (e) {
      used.add(d);
      if (!e.seen && d.score >= CONFIDENT_MIN_SCORE && d.score >= e.obj.score + RELABEL_MARGIN && e.glance !== null) {
        e.from = e.obj.label;
        e.obj = { ...describeDetection(d, frame), notes: [] };
        e.seen = true;
        e.kinds.push('corrected');
      }
      continue;
    }
    const same = entries.some(
      (x) => x.obj.label === d.label && Math.max(containment(d.box, x.obj.box), containment(x.obj.box, d.box)) >= 0.5,
    );
    if (same || d.score < CONFIDENT_MIN_SCORE || cutOff(d.box, d.region, frame)) continue;
    entries.push({ obj: describeDetection(d, frame, 'look'), glance: null, kinds: ['found'], seen: true });
  }
  const kept = entries.filter((e) => {
    const looked = looks.some((l) => containment(e.obj.box, l.box) >= LOOKED_MIN_CONTAINMENT);
    return !(withdraw && e.obj.hedged && !e.seen && looked);
  });
  for (const l of looks) {
    for (const p of l.people ?? []) {
      // A person inside two regions is read once: the first (best-ranked) region's look wins.
      const e = bestMatch(kept, p.box, (e) => e.obj.label === 'person' && e.obj.keypoints === undefined);
      if (!e || e.kinds.includes('detailed')) continue;
      e.obj.keypoints = p.keypoints;
      const sure = (p.hands ?? []).filter((h) => h.presence >= HAND_MIN_PRESENCE);
      if (sure.length > 0) e.obj.hands = sure;
      const held = kept.filter((x) => HANDHELD.has(x.obj.label)).map((x) => x.obj.box);
      e.obj.notes = describePerson(p, frame, held);
      if (e.obj.notes.length > 0) e.kinds.push('detailed');
    }
  }
  kept.sort((a, b) => compareReading(a.obj, b.obj));
  const changes: LookChange[] = entries
    .filter((e) => !kept.includes(e))
    .map((e) => ({ kind: 'withdrawn' as const, index: e.glance!, label: e.obj.label }));
  kept.forEach((e, index) => {
    for (const kind of e.kinds) {
      const change: LookChange = { kind, index, label: e.obj.label };
      if (kind === 'corrected') change.from = e.from;
      if (kind === 'detailed') change.notes = [...e.obj.notes];
      changes.push(change);
    }
  });
  return { objects: kept.map((e) => e.obj), changes };
}
