/**
 * The scene-world model's limits: it was trained only on the world's rendered scenes (src/world), whose pictures
 * are flat palette shapes on flat, gradient, faint-texture or grid grounds. At the model's global view (the
 * square box-averaged 4x4, what pass 1 reads) almost every pixel of such a scene equals its neighbours to within
 * a few levels; a photo's texture, noise and shading make most of its pixels differ. The share of "flat" pixels
 * tells the two apart before any decoding; a crowded scene, whose many objects' edges leave fewer flat pixels, is
 * told from a photo by what its other pixels are: sharp edges, where a photo's are mostly moderate steps of
 * texture and shading (measured by scripts/world-limits.ts; docs/world.md).
 */
import type { CaptionStyle } from './bundle/config';
import type { CaptionResult, OutOfDomain, StageTimings } from './caption-types';
import type { FitGeometry } from './image/fit';

/** What the captions of an out-of-domain picture read instead of the model's made-up objects. */
export const OUT_OF_DOMAIN_SENTENCE =
  'This model only knows the Glance scene world (coloured shapes); switch to the real-world model to describe photos.';

/** Model-square pixels averaged per global-view pixel, per side (the world model's 256 px square -> 64 px). */
export const FLAT_BLOCK_PX = 4;
/** Largest difference, in 0-255 levels on any channel, to the right and lower neighbour of a "flat" pixel. */
export const FLAT_STEP_LEVELS = 10;
/**
 * Below this share of flat global-view pixels a picture may not be a world scene (it is refused when it is also
 * textured: MAX_MODERATE_SHARE). Measured on the first 1,000 test-split scenes: lowest 0.768 (1st percentile
 * 0.827), 0 below the threshold; blurred, JPEG-compressed, noisy or all three ("camera") world scenes stay above
 * 0.80; crowded scenes go down to 0.675. The 53 labelled real photos: median 0.425, highest 0.900 (docs/world.md).
 */
export const MIN_FLAT_SHARE = 0.75;

/** A step of more than FLAT_STEP_LEVELS and at most this is "moderate": texture and shading, not a shape's edge. */
export const MODERATE_STEP_LEVELS = 30;
/**
 * A picture under MIN_FLAT_SHARE is refused only when more than this share of its pixels are moderate steps. Chosen
 * on the 1,500 val scenes (clean, camera, crowded; 2026-12-08): their highest moderate share is 0.073 (a camera
 * scene), the crowded ones under MIN_FLAT_SHARE at most 0.061; every 'tune' photo under MIN_FLAT_SHARE is above
 * 0.16.
 */
export const MAX_MODERATE_SHARE = 0.08;

/**
 * The square side the threshold was measured at (the world's 256 px scenes). Other squares (the tiny test
 * bundles' 32 px ones, whose 8 px global view is mostly edges) are not checked: no figure says where to cut.
 */
export const CHECKED_SQUARE_PX = 256;

/** Pixels of an RGBA (or RGB) model square. */
export interface SquarePixels {
  data: ArrayLike<number>;
  /** Side of the square. */
  size: number;
  channels: 3 | 4;
}

/** Shares, 0..1, of the global view's pixels by their step to their right and lower neighbours. */
export interface StepShares {
  /** At most FLAT_STEP_LEVELS. */
  flat: number;
  /** Above FLAT_STEP_LEVELS, at most MODERATE_STEP_LEVELS. */
  moderate: number;
}

/**
 * Share, 0..1, of global-view pixels that differ by at most FLAT_STEP_LEVELS from their right and lower
 * neighbours. Only the picture's part of the square counts: a letterboxed frame's bars would look flat.
 */
export function flatShare(square: SquarePixels, geometry?: FitGeometry): number {
  return stepShares(square, geometry).flat;
}

/** The flat and moderate shares of the picture's part of the square (flatShare's pixels). */
export function stepShares(square: SquarePixels, geometry?: FitGeometry): StepShares {
  const { data, size, channels } = square;
  const n = Math.floor(size / FLAT_BLOCK_PX);
  if (n < 2) return { flat: 1, moderate: 0 };
  const view = boxAverage(data, size, channels, n);
  const dst = geometry?.dst ?? { x: 0, y: 0, w: size, h: size };
  // Whole blocks inside the picture only (a block straddling a bar's edge is half bar).
  const x0 = Math.ceil(dst.x / FLAT_BLOCK_PX);
  const y0 = Math.ceil(dst.y / FLAT_BLOCK_PX);
  const x1 = Math.min(n, Math.floor((dst.x + dst.w) / FLAT_BLOCK_PX));
  const y1 = Math.min(n, Math.floor((dst.y + dst.h) / FLAT_BLOCK_PX));
  let flat = 0;
  let moderate = 0;
  let counted = 0;
  for (let y = y0; y < y1 - 1; y++) {
    for (let x = x0; x < x1 - 1; x++) {
      const p = (y * n + x) * 3;
      const right = p + 3;
      const below = p + n * 3;
      let step = 0;
      for (let c = 0; c < 3; c++) {
        step = Math.max(step, Math.abs(view[p + c] - view[right + c]), Math.abs(view[p + c] - view[below + c]));
      }
      counted++;
      if (step <= FLAT_STEP_LEVELS) flat++;
      else if (step <= MODERATE_STEP_LEVELS) moderate++;
    }
  }
  return counted === 0 ? { flat: 1, moderate: 0 } : { flat: flat / counted, moderate: moderate / counted };
}

/**
 * null when the picture may be a world scene (or the square is not CHECKED_SQUARE_PX); otherwise why not: too few
 * flat pixels, and too many of the others moderate steps (texture, shading) rather than a crowded scene's edges.
 */
export function checkWorldDomain(square: SquarePixels, geometry?: FitGeometry): OutOfDomain | null {
  if (square.size !== CHECKED_SQUARE_PX) return null;
  const shares = stepShares(square, geometry);
  return shares.flat < MIN_FLAT_SHARE && shares.moderate > MAX_MODERATE_SHARE
    ? { reason: 'not-flat', score: shares.flat }
    : null;
}

/** The result of a refused picture: the fixed sentence as both captions, no heat, no regions, no objects. */
export function outOfDomainResult(args: {
  style: CaptionStyle;
  refine: boolean;
  grid: number;
  timings: StageTimings;
  backend: string;
  outOfDomain: OutOfDomain;
}): CaptionResult {
  const text = () => ({ text: OUT_OF_DOMAIN_SENTENCE, tokens: [], stopReason: 'eos' as const });
  return {
    style: args.style,
    coarse: text(),
    refined: args.refine ? text() : undefined,
    saliency: { grid: args.grid, values: new Array<number>(args.grid * args.grid).fill(0) },
    regions: [],
    timings: args.timings,
    backend: args.backend,
    outOfDomain: args.outOfDomain,
  };
}

/** n x n RGB means of FLAT_BLOCK_PX-square blocks. */
function boxAverage(data: ArrayLike<number>, size: number, channels: number, n: number): Float64Array {
  const out = new Float64Array(n * n * 3);
  const area = FLAT_BLOCK_PX * FLAT_BLOCK_PX;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const o = (y * n + x) * 3;
      for (let j = 0; j < FLAT_BLOCK_PX; j++) {
        let p = ((y * FLAT_BLOCK_PX + j) * size + x * FLAT_BLOCK_PX) * channels;
        for (let i = 0; i < FLAT_BLOCK_PX; i++, p += channels) {
          out[o] += data[p];
          out[o + 1] += data[p + 1];
          out[o + 2] += data[p + 2];
        }
      }
      out[o] /= area;
      out[o + 1] /= area;
      out[o + 2] /= area;
    }
  }
  return out;
}
