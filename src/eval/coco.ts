/**
 * Reads a COCO-captions file (docs/dataset-format.md): the world's splits, or any folder with a captions JSON.
 * Only `images[].id`, `images[].file_name` and `annotations[].image_id/caption` are required. The world's
 * extensions are used when present: `annotations[].style` (references per caption style) and `images[].objects`
 * (the true scene, for the object-level scores).
 */
import type { CaptionStyle } from '../core/bundle/config';
import { CELLS, COLOURS, PATTERNS, SHAPES, SIZES, type ObjectDescription } from '../world/scene';

export interface CocoImage {
  id: number;
  /** Relative to the folder holding captions.json. */
  fileName: string;
  /** The scene's objects in reading order, when the file has them (world splits). */
  objects: ObjectDescription[] | null;
}

export interface CocoDataset {
  images: CocoImage[];
  /** Every reference per image id, whatever its style. */
  references: Map<number, string[]>;
  /** References per style, for annotations that name one ('detailed' / 'short'). */
  referencesByStyle: Map<CaptionStyle, Map<number, string[]>>;
  /** Every image has `objects`: the world's object-level scores apply. */
  hasObjects: boolean;
}

export class CocoFormatError extends Error {
  override name = 'CocoFormatError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function oneOf<T extends string>(values: readonly T[], v: unknown, where: string): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new CocoFormatError(`${where}: ${JSON.stringify(v)} is not one of ${values.join(', ')}`);
  }
  return v as T;
}

function readObjects(raw: unknown, where: string): ObjectDescription[] | null {
  if (raw === undefined) return null;
  if (!Array.isArray(raw)) throw new CocoFormatError(`${where}.objects must be an array`);
  return raw.map((o, i) => {
    const at = `${where}.objects[${i}]`;
    if (!isRecord(o)) throw new CocoFormatError(`${at} must be an object`);
    return {
      shape: oneOf(SHAPES, o.shape, `${at}.shape`),
      colour: oneOf(COLOURS, o.colour, `${at}.colour`),
      size: oneOf(SIZES, o.size, `${at}.size`),
      pattern: oneOf(PATTERNS, o.pattern, `${at}.pattern`),
      position: oneOf(CELLS, o.position, `${at}.position`),
    };
  });
}

function push(map: Map<number, string[]>, id: number, caption: string): void {
  const list = map.get(id);
  if (list) list.push(caption);
  else map.set(id, [caption]);
}

/** Parses and checks a captions.json; throws CocoFormatError naming the first bad field. */
export function readCocoCaptions(json: unknown): CocoDataset {
  if (!isRecord(json)) throw new CocoFormatError('captions file: expected a JSON object');
  if (!Array.isArray(json.images)) throw new CocoFormatError('captions file: "images" must be an array');
  if (!Array.isArray(json.annotations)) throw new CocoFormatError('captions file: "annotations" must be an array');
  const seen = new Set<number>();
  const images = json.images.map((raw, i): CocoImage => {
    const where = `images[${i}]`;
    if (!isRecord(raw)) throw new CocoFormatError(`${where} must be an object`);
    if (typeof raw.id !== 'number' || !Number.isFinite(raw.id))
      throw new CocoFormatError(`${where}.id must be a number`);
    if (typeof raw.file_name !== 'string' || raw.file_name === '') {
      throw new CocoFormatError(`${where}.file_name must be a non-empty string`);
    }
    if (seen.has(raw.id)) throw new CocoFormatError(`${where}.id ${raw.id} appears twice`);
    seen.add(raw.id);
    return { id: raw.id, fileName: raw.file_name, objects: readObjects(raw.objects, where) };
  });
  const references = new Map<number, string[]>();
  const referencesByStyle = new Map<CaptionStyle, Map<number, string[]>>();
  json.annotations.forEach((raw, i) => {
    const where = `annotations[${i}]`;
    if (!isRecord(raw)) throw new CocoFormatError(`${where} must be an object`);
    if (typeof raw.image_id !== 'number' || !seen.has(raw.image_id)) {
      throw new CocoFormatError(`${where}.image_id ${JSON.stringify(raw.image_id)} names no image`);
    }
    if (typeof raw.caption !== 'string') throw new CocoFormatError(`${where}.caption must be a string`);
    push(references, raw.image_id, raw.caption);
    if (raw.style === undefined) return;
    const style = oneOf(['detailed', 'short'] as const, raw.style, `${where}.style`);
    if (!referencesByStyle.has(style)) referencesByStyle.set(style, new Map());
    push(referencesByStyle.get(style)!, raw.image_id, raw.caption);
  });
  return {
    images,
    references,
    referencesByStyle,
    hasObjects: images.length > 0 && images.every((image) => image.objects !== null),
  };
}

/**
 * The references a caption of `style` is scored against: the annotations of that style when the file labels
 * styles, else all of them. Images without references are left out (the metrics need at least one).
 */
export function referencesFor(dataset: CocoDataset, style: CaptionStyle): Map<number, string[]> {
  return dataset.referencesByStyle.size > 0 ? (dataset.referencesByStyle.get(style) ?? new Map()) : dataset.references;
}
