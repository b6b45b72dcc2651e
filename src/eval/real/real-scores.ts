/**
 * Scores real-world captions against hand labels (scripts/real-photos/labels.json, docs/real-photos.md), for
 * `npm run eval`. Everything is counted from what the caption SAYS (parse-caption.ts), per COCO class:
 *   recall    = labelled objects named / labelled objects  (a class named n times matches up to n labelled ones;
 *               a crowd adds none: it is often a blurred background)
 *   precision = named objects that fit the labels / objects named (a class may be named up to its labelled
 *               count plus its ignorable instances, or any number when it has a crowd)
 *   small     = the same recall over the labelled objects whose longer side is under 32 px once the photo is
 *               fitted to the glance's square; matched by box against the objects the caption names
 *   none      = photos with no labelled object whose caption still names one
 * Hedged mentions ("what looks like a cat") count as named: a hedge is still a claim.
 */
import type { NamedObject } from '../../core/caption-types';
import { parseCaption } from '../../core/real/parse-caption';
import type { RealSplit } from './real-labels';

/** A labelled object as the scorer needs it: class, box [x, y, w, h] in photo pixels, and how to count it. */
export interface LabelledObject {
  label: string;
  box: [number, number, number, number];
  /** A group too dense to box one by one (scripts/real-photos/labels.json): any count of it is right. */
  crowd?: boolean;
  /** Naming it or not is both acceptable: neither a miss nor a false positive. */
  ignore?: boolean;
}

export interface LabelledPhoto {
  id: string;
  width: number;
  height: number;
  split: RealSplit;
  objects: LabelledObject[];
}

/** One photo's captions from the captioner. */
export interface PhotoCaptions {
  id: string;
  coarse: string;
  refined: string | null;
  /** The objects each caption names, with boxes (frame px), from the captioner. */
  objects?: { coarse: NamedObject[]; refined?: NamedObject[] };
}

/** Counts of one pass over a set of photos. */
export interface PassScores {
  labelled: number;
  named: number;
  matched: number;
  /**
   * Labelled objects named without a hedge ("a horse", not "what looks like a horse"): what the second look adds
   * when it confirms what the glance was unsure of, which recall (hedged mentions count) does not show.
   */
  matchedSure: number;
  /** Named objects that fit the labels (the precision's numerator). */
  fitting: number;
  recall: number;
  sureRecall: number;
  precision: number;
  smallLabelled: number;
  smallMatched: number;
  smallRecall: number;
  nonePhotos: number;
  nonePhotosNaming: number;
}

/** A labelled object under this many pixels (longer side, at the glance's scale) is small (COCO's 32 px). */
export const SMALL_MAX_PX = 32;
/** A named object's box matches a small labelled object when their IoU reaches this (loose: small boxes jitter). */
export const SMALL_MATCH_IOU = 0.3;

export function isSmall(photo: LabelledPhoto, o: LabelledObject, glanceSize: number): boolean {
  const scale = glanceSize / Math.max(photo.width, photo.height);
  return Math.max(o.box[2], o.box[3]) * scale < SMALL_MAX_PX;
}

/** Scores one pass ('coarse' or 'refined') over the photos that have captions. */
export function scorePass(
  photos: readonly LabelledPhoto[],
  captions: ReadonlyMap<string, PhotoCaptions>,
  pass: 'coarse' | 'refined',
  glanceSize: number,
): PassScores {
  const s = {
    labelled: 0,
    named: 0,
    matched: 0,
    matchedSure: 0,
    fitting: 0,
    smallLabelled: 0,
    smallMatched: 0,
    nonePhotos: 0,
    nonePhotosNaming: 0,
  };
  for (const photo of photos) {
    const c = captions.get(photo.id);
    if (!c) continue;
    const text = pass === 'coarse' ? c.coarse : (c.refined ?? c.coarse);
    const named = new Map<string, number>();
    const sure = new Map<string, number>();
    for (const item of parseCaption(text).items) {
      named.set(item.label, (named.get(item.label) ?? 0) + item.count);
      if (!item.hedged) sure.set(item.label, (sure.get(item.label) ?? 0) + item.count);
    }
    const counts = new Map<string, { min: number; max: number }>();
    for (const o of photo.objects) {
      const c = counts.get(o.label) ?? { min: 0, max: 0 };
      if (o.crowd) c.max = Infinity;
      else {
        c.max += 1;
        if (!o.ignore) c.min += 1;
      }
      counts.set(o.label, c);
    }
    for (const { min } of counts.values()) s.labelled += min;
    for (const [label, m] of named) {
      const c = counts.get(label) ?? { min: 0, max: 0 };
      s.named += m;
      s.matched += Math.min(c.min, m);
      s.matchedSure += Math.min(c.min, sure.get(label) ?? 0);
      s.fitting += Math.min(c.max, m);
    }
    if (photo.objects.length === 0) {
      s.nonePhotos += 1;
      if (named.size > 0) s.nonePhotosNaming += 1;
    }
    const counted = photo.objects.filter((o) => !o.ignore && !o.crowd);
    const boxes = (pass === 'coarse' ? c.objects?.coarse : (c.objects?.refined ?? c.objects?.coarse)) ?? [];
    for (const o of counted) {
      if (!isSmall(photo, o, glanceSize)) continue;
      s.smallLabelled += 1;
      if (boxes.some((b) => b.label === o.label && iou(b.box, o.box) >= SMALL_MATCH_IOU)) s.smallMatched += 1;
    }
  }
  return {
    ...s,
    recall: ratio(s.matched, s.labelled),
    sureRecall: ratio(s.matchedSure, s.labelled),
    precision: ratio(s.fitting, s.named),
    smallRecall: ratio(s.smallMatched, s.smallLabelled),
  };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

function iou(a: NamedObject['box'], b: LabelledObject['box']): number {
  const [bx, by, bw, bh] = b;
  const w = Math.min(a.x + a.w, bx + bw) - Math.max(a.x, bx);
  const h = Math.min(a.y + a.h, by + bh) - Math.max(a.y, by);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = a.w * a.h + bw * bh - inter;
  return union > 0 ? inter / union : 0;
}
