/**
 * OpenCV's pedestrian clip as a live stream, for `npm run eval`: its hand-labelled times
 * (scripts/real-photos/vtest-labels.json, docs/real-photos.md) as labelled "photos", one per time, holding that
 * time's people (those mostly hidden or far away as `ignore`) and the parked vehicles, so that the real-photo
 * scorer (real-scores.ts) scores a stream's captions at those times exactly as it scores photos: recall of the
 * people, and precision over everything the captions name.
 */
import { readFileSync } from 'node:fs';
import type { LabelledObject, LabelledPhoto } from './real-scores';

export const VTEST_LABELS_PATH = 'scripts/real-photos/vtest-labels.json';

interface Box4 {
  box: [number, number, number, number];
  ignore?: boolean;
}

/** What the scorer needs of vtest-labels.json (the file holds more: cells for the e2e spec). */
export interface VtestLabels {
  video: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  others: (Box4 & { label: string })[];
  times: { timeS: number; frame: number; people: Box4[] }[];
}

export function loadVtestLabels(path: string = VTEST_LABELS_PATH): VtestLabels {
  const labels = JSON.parse(readFileSync(path, 'utf8')) as VtestLabels;
  if (!Array.isArray(labels.times) || !Array.isArray(labels.others)) {
    throw new Error(`${path}: "times" and "others" must be lists`);
  }
  for (const t of labels.times) {
    if (!Number.isInteger(t.frame) || t.frame < 0 || t.frame >= labels.frames) {
      throw new Error(`${path}: time ${t.timeS} s has no frame ${t.frame} in a clip of ${labels.frames}`);
    }
  }
  return labels;
}

/** The photo id of a labelled time ("vtest 4 s"). */
export const vtestPhotoId = (timeS: number): string => `vtest ${timeS} s`;

/**
 * One labelled photo per labelled time. Split 'report': nothing was tuned on the clip (docs/real-photos.md
 * says what was measured on it and when).
 */
export function vtestPhotos(labels: VtestLabels): LabelledPhoto[] {
  const others: LabelledObject[] = labels.others.map((o) => ({ label: o.label, box: o.box, ignore: o.ignore }));
  return labels.times.map((t) => ({
    id: vtestPhotoId(t.timeS),
    width: labels.width,
    height: labels.height,
    split: 'report',
    objects: [...t.people.map((p) => ({ label: 'person', box: p.box, ignore: p.ignore })), ...others],
  }));
}
