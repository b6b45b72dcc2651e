/**
 * config.json of a real-world captioner bundle (`model_type: "glance-detect"`, docs/model-format.md, part 2):
 * pretrained recognisers converted to ONNX plus Glance's caption writer (src/core/real). Keys keep the file's
 * snake_case, as config.ts does.
 */
import { JsonReader } from './json-reader';

/** The ONNX parts a glance-detect bundle may hold, by the base name the InferenceBackend knows them by. */
export const DETECT_PARTS = ['detector', 'pose', 'face', 'expression', 'hand'] as const;
export type DetectPart = (typeof DETECT_PARTS)[number];

/** The validated config.json of a glance-detect bundle. */
export interface DetectConfig {
  model_type: 'glance-detect';
  format_version: 1;
  /** Parts present in `onnx/<name>.onnx`; `detector` is required, the person parts are optional. */
  parts: DetectPart[];
  /** Longest side, px, the frame is read at (the second look's crops come from it). */
  frame_max_side: number;
  detector: {
    /** Side of the glance's square input, px (letterboxed frame). */
    input_size: number;
    /** Side of a second-look crop's input, px. */
    look_size: number;
  };
  /** Regions looked at again (top-k after suppression). */
  regions: { k: number };
}

const FILE = 'config.json';

/** Checks a parsed glance-detect config.json; throws ModelFormatError naming the field. */
export function validateDetectConfig(json: unknown): DetectConfig {
  const r = new JsonReader(FILE, json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) r.fail('', 'must hold a JSON object');
  if (r.string('model_type') !== 'glance-detect') r.fail('model_type', 'must be "glance-detect"');
  const version = r.integer('format_version');
  if (version !== 1) r.fail('format_version', `is ${version}; this app reads version 1`);
  const parts = r.array('parts').map((p, i) => {
    if (!DETECT_PARTS.includes(p as DetectPart)) r.fail(`parts[${i}]`, `must be one of ${DETECT_PARTS.join(', ')}`);
    return p as DetectPart;
  });
  if (!parts.includes('detector')) r.fail('parts', 'must include "detector"');
  const detector = {
    input_size: r.integer('detector.input_size', 32),
    look_size: r.integer('detector.look_size', 32),
  };
  if (detector.input_size % 32 !== 0) r.fail('detector.input_size', 'must be a multiple of 32');
  if (detector.look_size % 32 !== 0) r.fail('detector.look_size', 'must be a multiple of 32');
  return {
    model_type: 'glance-detect',
    format_version: 1,
    parts: [...new Set(parts)],
    frame_max_side: r.integer('frame_max_side', detector.input_size),
    detector,
    regions: { k: r.integer('regions.k', 1) },
  };
}
