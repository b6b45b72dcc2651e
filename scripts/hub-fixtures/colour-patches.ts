/**
 * The designed vision rule shared by the Florence-2 and SmolVLM fixtures (the vit-gpt2 fixture names only the
 * channel with the largest mean, design.ts). Stated here once, in plain JS, so tests compute the expected captions
 * and boxes from pixels without trusting the ONNX graphs that implement the same rule.
 *
 * The processor resizes an image to a square of `side` pixels, cut into patches of PATCH pixels. A patch is of
 * colour C when C's channel mean (in [0, 1]) exceeds both other channels' means by at least PATCH_MARGIN. A colour
 * is present when at least one patch is of it; its box is the bounding box of its patches.
 *
 * The margin is wide on purpose: a small object that covers part of one patch at the glance's resolution is not
 * seen, while a crop around it, resized to the same square, makes it whole patches. That is the second look's point.
 */
import { COLOURS, type Colour } from './design';

export const PATCH = 8;
export const PATCH_MARGIN = 0.5;

/** Patch box in patch units, inclusive: columns col0..col1, rows row0..row1. */
export interface PatchBox {
  col0: number;
  row0: number;
  col1: number;
  row1: number;
}

/**
 * Each patch's colour (row-major), or null, for an RGB image of side×side pixels given as values in [0, 1]
 * (what the processor's rescale gives before its normalisation), interleaved HWC.
 */
export function patchColours(rgb: ArrayLike<number>, side: number): (Colour | null)[] {
  const perSide = side / PATCH;
  if (!Number.isInteger(perSide)) throw new Error(`side ${side} is not a multiple of ${PATCH}`);
  const out: (Colour | null)[] = [];
  for (let pr = 0; pr < perSide; pr++) {
    for (let pc = 0; pc < perSide; pc++) {
      const mean = [0, 0, 0];
      for (let y = pr * PATCH; y < (pr + 1) * PATCH; y++) {
        for (let x = pc * PATCH; x < (pc + 1) * PATCH; x++) {
          for (let c = 0; c < 3; c++) mean[c] += rgb[(y * side + x) * 3 + c] / (PATCH * PATCH);
        }
      }
      let colour: Colour | null = null;
      for (let c = 0; c < 3; c++) {
        const others = Math.max(mean[(c + 1) % 3], mean[(c + 2) % 3]);
        if (mean[c] - others >= PATCH_MARGIN) colour = COLOURS[c];
      }
      out.push(colour);
    }
  }
  return out;
}

/** The colours present, in the fixed order red, green, blue. */
export function presentColours(patches: readonly (Colour | null)[]): Colour[] {
  return COLOURS.filter((c) => patches.includes(c));
}

/** The bounding box of `colour`'s patches, or null when it has none. */
export function colourBox(patches: readonly (Colour | null)[], colour: Colour): PatchBox | null {
  const perSide = Math.round(Math.sqrt(patches.length));
  let box: PatchBox | null = null;
  patches.forEach((p, i) => {
    if (p !== colour) return;
    const col = i % perSide;
    const row = Math.floor(i / perSide);
    box = box
      ? {
          col0: Math.min(box.col0, col),
          row0: Math.min(box.row0, row),
          col1: Math.max(box.col1, col),
          row1: Math.max(box.row1, row),
        }
      : { col0: col, row0: row, col1: col, row1: row };
  });
  return box;
}

/** The caption both fixtures write for a set of colours: "a photo of something red and something blue." */
export function colourListCaption(colours: readonly Colour[]): string {
  if (colours.length === 0) return 'a photo.';
  return `a photo of ${colours.map((c) => `something ${c}`).join(' and ')}.`;
}
