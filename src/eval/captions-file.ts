/**
 * A captions file: captions written by something other than `npm run eval`'s own engine (the PyTorch reference
 * in `training.evaluate`, another runtime, a hand-made set), for `npm run eval -- --captions <file>` to score
 * with the same code as its own captions. One scorer for every world figure (docs/eval-bench.md).
 */
import type { CaptionStyle } from '../core/bundle/config';
import type { CocoDataset } from './coco';
import type { ImageCaptions } from './eval-report';

/** What a captions file holds (docs/eval-bench.md, "Scoring captions from elsewhere"). */
export interface CaptionsFile {
  kind: 'glance-captions';
  version: 1;
  /** What wrote the captions: engine, weights, decoding; the report prints it where a bundle's path would be. */
  producer: string;
  /** The split the captions describe, as the producer saw it; `--data` scores against it unless told otherwise. */
  data: string | null;
  captions: ImageCaptions[];
  /** Lines carried into the report's notes (e.g. how the images were degraded). */
  notes: string[];
}

export class CaptionsFileError extends Error {
  override name = 'CaptionsFileError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readCaption(raw: unknown, where: string): ImageCaptions {
  if (!isRecord(raw)) throw new CaptionsFileError(`${where} must be an object`);
  const { id, style, coarse, refined, totalMs } = raw;
  if (!Number.isInteger(id)) throw new CaptionsFileError(`${where}.id must be an integer image id`);
  if (style !== 'short' && style !== 'detailed') throw new CaptionsFileError(`${where}.style: short or detailed`);
  if (typeof coarse !== 'string') throw new CaptionsFileError(`${where}.coarse must be a string`);
  if (refined !== undefined && refined !== null && typeof refined !== 'string')
    throw new CaptionsFileError(`${where}.refined must be a string or null`);
  if (totalMs !== undefined && totalMs !== null && typeof totalMs !== 'number')
    throw new CaptionsFileError(`${where}.totalMs must be a number or null`);
  return {
    id: id as number,
    style: style as CaptionStyle,
    coarse,
    refined: (refined as string | null | undefined) ?? null,
    totalMs: (totalMs as number | null | undefined) ?? null,
  };
}

/** Reads and checks a parsed captions file; throws CaptionsFileError naming the first thing wrong. */
export function readCaptionsFile(raw: unknown): CaptionsFile {
  if (!isRecord(raw) || raw.kind !== 'glance-captions') throw new CaptionsFileError('kind must be "glance-captions"');
  if (raw.version !== 1) throw new CaptionsFileError(`version ${JSON.stringify(raw.version)} is not 1`);
  if (typeof raw.producer !== 'string' || raw.producer === '')
    throw new CaptionsFileError('producer must say what wrote the captions');
  if (!Array.isArray(raw.captions) || raw.captions.length === 0)
    throw new CaptionsFileError('captions must be a non-empty array');
  const captions = raw.captions.map((c, i) => readCaption(c, `captions[${i}]`));
  const seen = new Set<string>();
  for (const c of captions) {
    const key = `${c.id}/${c.style}`;
    if (seen.has(key)) throw new CaptionsFileError(`image ${c.id} has two ${c.style} captions`);
    seen.add(key);
  }
  const notes = Array.isArray(raw.notes) ? raw.notes.filter((n): n is string => typeof n === 'string') : [];
  return {
    kind: 'glance-captions',
    version: 1,
    producer: raw.producer,
    data: typeof raw.data === 'string' ? raw.data : null,
    captions,
    notes,
  };
}

/**
 * The dataset cut to the images the captions describe (in the dataset's order); throws when a caption names an
 * image the dataset lacks, since scoring it against nothing would hide a mismatched split.
 */
export function datasetForCaptions(dataset: CocoDataset, captions: readonly ImageCaptions[]): CocoDataset {
  const known = new Set(dataset.images.map((image) => image.id));
  const missing = captions.find((c) => !known.has(c.id));
  if (missing) throw new CaptionsFileError(`image ${missing.id} is not in the dataset: captions of another split?`);
  const wanted = new Set(captions.map((c) => c.id));
  return { ...dataset, images: dataset.images.filter((image) => wanted.has(image.id)) };
}
