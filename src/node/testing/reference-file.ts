/**
 * The two shapes of a bundle's `reference.json`: PyTorch's greedy captions on the same weights, which the parity
 * tests (src/node, e2e) hold the ONNX runtimes to. One definition for every reader.
 */
import type { CaptionStyle } from '../../core/bundle/config';
import type { Split } from '../../world/splits';

/** The tiny test bundle's (training/infer.py): one item per image and style. */
export interface ReferenceItem {
  image: string;
  style: CaptionStyle;
  coarse_ids: number[];
  refined_ids: number[];
  coarse: string;
  refined: string;
  heat: number[];
  corners: [number, number][];
}

export interface TinyReferenceFile {
  items: ReferenceItem[];
}

/** One style of one scene in a world bundle's reference (training/export.py). */
export interface WorldReferencePass {
  coarse_ids: number[];
  coarse_text: string;
  refined_ids: number[];
  refined_text: string;
  /** grid x grid rows */
  heat: number[][];
  /** Region windows [x0, y0, x1, y1] in model-square pixels. */
  regions: [number, number, number, number][];
}

export interface WorldReferenceScene extends Partial<Record<CaptionStyle, WorldReferencePass>> {
  file_name: string;
  image_id: number;
}

/** A world bundle's reference.json: scenes of one split of the scene world. */
export interface WorldReferenceFile {
  split: Split;
  scenes: WorldReferenceScene[];
}
