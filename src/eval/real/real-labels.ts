/**
 * The hand-labelled real photos (scripts/real-photos/labels.json, format in docs/real-photos.md): a typed loader
 * that rejects a malformed file with a clear error, and the helpers the real-world evaluation needs: which
 * objects are small at Glance's input size, and how many of each COCO class a caption may or must name.
 * Photos themselves live in .cache/real-photos/photos/ (`npm run photos:real`).
 */
import { readFileSync } from 'node:fs';

/** The 80 COCO detection classes, in the usual order (index = COCO class id 0..79). */
export const COCO_CLASSES = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard',
  'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple',
  'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch',
  'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone',
  'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear',
  'hair drier', 'toothbrush',
] as const; // prettier-ignore

/** One of the 80 COCO class names. */
export type CocoClass = (typeof COCO_CLASSES)[number];

/**
 * Which part of the set a photo belongs to: `tune` may guide thresholds and wording, `report` only measures, and
 * `holdout` (labelled on 2026-12-07, after `report` had been scored for many choices) measures what no choice saw.
 */
export type RealSplit = 'tune' | 'report' | 'holdout';
/** The splits, in the order reports list them. */
export const REAL_SPLITS: readonly RealSplit[] = ['report', 'holdout', 'tune'];

/** One labelled instance (or crowd) of a COCO class in a photo. */
export interface RealObject {
  label: CocoClass;
  /** [x, y, w, h] in the photo's pixels. */
  box: [number, number, number, number];
  /** A group too dense to box one by one: `box` holds the group and `count` estimates its size. */
  crowd?: boolean;
  /** Estimated instances in a crowd (present exactly when `crowd`). */
  count?: number;
  /** So occluded or tiny that naming it or not is both acceptable. */
  ignore?: boolean;
}

/** One photo's labels; the file itself is .cache/real-photos/photos/<id>.<ext of path>. */
export interface RealPhoto {
  id: string;
  /** Debian package holding the photo, and its path inside the package. */
  package: string;
  path: string;
  sha256: string;
  width: number;
  height: number;
  split: RealSplit;
  /** What the photo shows; required when `objects` is empty. */
  note?: string;
  objects: RealObject[];
}

/** The whole labels file. */
export interface RealLabels {
  about: string;
  version: 1;
  photos: RealPhoto[];
}

/** labels.json breaks the format; the message names the photo and field. */
export class RealLabelsError extends Error {
  override name = 'RealLabelsError';
}

/** The committed labels, relative to the repository root. */
export const REAL_LABELS_PATH = 'scripts/real-photos/labels.json';
/** Longer box side, in Glance-input pixels, under which an object counts as small (COCO's small is < 32²). */
export const SMALL_OBJECT_PX = 32;

const COCO_SET: ReadonlySet<string> = new Set(COCO_CLASSES);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(o: Record<string, unknown>, allowed: string[], where: string): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new RealLabelsError(`${where}: unknown field(s) ${extra.join(', ')}`);
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.length === 0) throw new RealLabelsError(`${where} must be a non-empty string`);
  return v;
}

function posInt(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new RealLabelsError(`${where} must be a positive integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

function optBool(v: unknown, where: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new RealLabelsError(`${where} must be true or false`);
  return v;
}

function parseObject(raw: unknown, photo: { width: number; height: number }, where: string): RealObject {
  if (!isRecord(raw)) throw new RealLabelsError(`${where} must be an object`);
  checkKeys(raw, ['label', 'box', 'crowd', 'count', 'ignore'], where);
  if (typeof raw.label !== 'string' || !COCO_SET.has(raw.label)) {
    throw new RealLabelsError(`${where}.label ${JSON.stringify(raw.label)} is not one of the 80 COCO class names`);
  }
  const b = raw.box;
  if (!Array.isArray(b) || b.length !== 4 || !b.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new RealLabelsError(`${where}.box must be [x, y, w, h] numbers`);
  }
  const [x, y, w, h] = b as number[];
  if (w <= 0 || h <= 0) throw new RealLabelsError(`${where}.box [${b.join(', ')}] has no area`);
  if (x < 0 || y < 0 || x + w > photo.width || y + h > photo.height) {
    throw new RealLabelsError(`${where}.box [${b.join(', ')}] lies outside the ${photo.width}x${photo.height} photo`);
  }
  const out: RealObject = { label: raw.label as CocoClass, box: [x, y, w, h] };
  const crowd = optBool(raw.crowd, `${where}.crowd`);
  const ignore = optBool(raw.ignore, `${where}.ignore`);
  if (crowd) {
    out.crowd = true;
    out.count = posInt(raw.count, `${where}.count (a crowd's size estimate)`);
  } else if (raw.count !== undefined) {
    throw new RealLabelsError(`${where}.count is only for a crowd ("crowd": true)`);
  }
  if (ignore) out.ignore = true;
  return out;
}

function parsePhoto(raw: unknown, where: string): RealPhoto {
  if (!isRecord(raw)) throw new RealLabelsError(`${where} must be an object`);
  const id = str(raw.id, `${where}.id`);
  const at = `photo ${JSON.stringify(id)}`;
  checkKeys(raw, ['id', 'package', 'path', 'sha256', 'width', 'height', 'split', 'note', 'objects'], at);
  const sha256 = str(raw.sha256, `${at}.sha256`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RealLabelsError(`${at}.sha256 must be 64 lowercase hex digits`);
  if (!REAL_SPLITS.includes(raw.split as RealSplit)) {
    throw new RealLabelsError(`${at}.split must be "tune", "report" or "holdout", got ${JSON.stringify(raw.split)}`);
  }
  const width = posInt(raw.width, `${at}.width`);
  const height = posInt(raw.height, `${at}.height`);
  if (!Array.isArray(raw.objects)) throw new RealLabelsError(`${at}.objects must be an array`);
  const objects = raw.objects.map((o, i) => parseObject(o, { width, height }, `${at}.objects[${i}]`));
  const note = raw.note === undefined ? undefined : str(raw.note, `${at}.note`);
  if (objects.length === 0 && note === undefined) {
    throw new RealLabelsError(`${at} has no objects: add a "note" saying what the photo shows`);
  }
  const photo: RealPhoto = {
    id,
    package: str(raw.package, `${at}.package`),
    path: str(raw.path, `${at}.path`),
    sha256,
    width,
    height,
    split: raw.split as RealSplit,
    objects,
  };
  if (note !== undefined) photo.note = note;
  return photo;
}

/** Validates parsed JSON as a labels file; throws RealLabelsError naming the first problem. */
export function parseRealLabels(raw: unknown): RealLabels {
  if (!isRecord(raw)) throw new RealLabelsError('labels must be a JSON object');
  checkKeys(raw, ['about', 'version', 'photos'], 'labels');
  if (raw.version !== 1) throw new RealLabelsError(`labels.version must be 1, got ${JSON.stringify(raw.version)}`);
  if (!Array.isArray(raw.photos)) throw new RealLabelsError('labels.photos must be an array');
  const photos = raw.photos.map((p, i) => parsePhoto(p, `photos[${i}]`));
  const seen = new Set<string>();
  for (const p of photos) {
    if (seen.has(p.id)) throw new RealLabelsError(`duplicate photo id ${JSON.stringify(p.id)}`);
    seen.add(p.id);
  }
  return { about: typeof raw.about === 'string' ? raw.about : '', version: 1, photos };
}

/** Reads and validates a labels file (default: the committed one, relative to the working directory). */
export function loadRealLabels(path: string = REAL_LABELS_PATH): RealLabels {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RealLabelsError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseRealLabels(raw);
}

/** Where `npm run photos:real` puts a photo, relative to the repository root. */
export function realPhotoFile(photo: RealPhoto, cacheDir = '.cache/real-photos'): string {
  const ext = photo.path.slice(photo.path.lastIndexOf('.'));
  return `${cacheDir}/photos/${photo.id}${ext}`;
}

/** The photos of one split, in file order. */
export const photosOfSplit = (labels: RealLabels, split: RealSplit): RealPhoto[] =>
  labels.photos.filter((p) => p.split === split);

/**
 * Counted objects (neither `ignore` nor `crowd`) whose longer box side is under SMALL_OBJECT_PX once the photo is
 * scaled to fit a glanceSize square (scale = glanceSize / max(width, height), up or down).
 */
export function smallObjects(photo: RealPhoto, glanceSize = 512): RealObject[] {
  const scale = glanceSize / Math.max(photo.width, photo.height);
  return photo.objects.filter((o) => !o.ignore && !o.crowd && Math.max(o.box[2], o.box[3]) * scale < SMALL_OBJECT_PX);
}

/**
 * How many of one class a caption may claim. `min`: the counted, individually boxed instances (a caption claiming
 * fewer undercounts); `max`: the most it may claim without overcounting: `min` plus the ignored ones, or Infinity
 * when a crowd holds an unknown number (a crowd is often a blurred background: it adds nothing to `min`).
 */
export interface ClassCount {
  label: CocoClass;
  min: number;
  max: number;
  /** Some instances form a crowd. */
  crowd: boolean;
}

/** Per class present in the photo (ignored-only classes too, with min 0), in COCO order. */
export function countByClass(photo: RealPhoto): ClassCount[] {
  const by = new Map<CocoClass, ClassCount>();
  for (const o of photo.objects) {
    const c = by.get(o.label) ?? { label: o.label, min: 0, max: 0, crowd: false };
    if (o.crowd) {
      c.crowd = true;
      c.max = Infinity;
    } else if (o.ignore) {
      c.max += 1;
    } else {
      c.min += 1;
      c.max += 1;
    }
    by.set(o.label, c);
  }
  return COCO_CLASSES.filter((l) => by.has(l)).map((l) => by.get(l) as ClassCount);
}

/** Whether a caption claiming `n` of `label` fits the labels (n = 0: the class was left out). */
export function countMatches(photo: RealPhoto, label: CocoClass, n: number): boolean {
  const c = countByClass(photo).find((x) => x.label === label);
  return c ? n >= c.min && n <= c.max : n === 0;
}

/**
 * Classes a caption must name (a counted instance or a crowd) and those it may name (every labelled class, ignored
 * ones included): naming any other class is a hallucination.
 */
export function mentionSets(photo: RealPhoto): { must: CocoClass[]; may: CocoClass[] } {
  const counts = countByClass(photo);
  return { must: counts.filter((c) => c.min > 0 || c.crowd).map((c) => c.label), may: counts.map((c) => c.label) };
}
