import type { FitMode } from '../bundle/config';
import { InvalidInputError } from '../errors';

/** An axis-aligned rectangle in pixels (may be fractional). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * How a frame maps onto the model square: draw the frame's `src` rectangle into the square's `dst` rectangle
 * (exactly `ctx.drawImage(frame, src.x, src.y, src.w, src.h, dst.x, dst.y, dst.w, dst.h)`), the rest of the
 * square being letterbox fill. Plain data: the worker computes it, the core maps boxes back with it.
 */
export interface FitGeometry {
  mode: FitMode;
  frameWidth: number;
  frameHeight: number;
  /** Side of the model square. */
  size: number;
  src: Rect;
  dst: Rect;
}

/**
 * centre-crop: the largest centred square of the frame fills the model square; an odd margin puts the extra
 * pixel on the right/bottom (floor, as training/preprocess.py fit_square).
 * letterbox: the whole frame, scaled to fit, centred; dst is whole pixels so a pure-TS resize can fill it.
 */
export function fitGeometry(frameWidth: number, frameHeight: number, size: number, mode: FitMode): FitGeometry {
  if (!(frameWidth > 0 && frameHeight > 0))
    throw new InvalidInputError(`frame size ${frameWidth}x${frameHeight} is empty`);
  if (mode === 'center-crop') {
    const side = Math.min(frameWidth, frameHeight);
    return {
      mode,
      frameWidth,
      frameHeight,
      size,
      src: { x: Math.floor((frameWidth - side) / 2), y: Math.floor((frameHeight - side) / 2), w: side, h: side },
      dst: { x: 0, y: 0, w: size, h: size },
    };
  }
  const scale = size / Math.max(frameWidth, frameHeight);
  const w = Math.max(1, Math.min(size, Math.round(frameWidth * scale)));
  const h = Math.max(1, Math.min(size, Math.round(frameHeight * scale)));
  return {
    mode,
    frameWidth,
    frameHeight,
    size,
    src: { x: 0, y: 0, w: frameWidth, h: frameHeight },
    dst: { x: Math.floor((size - w) / 2), y: Math.floor((size - h) / 2), w, h },
  };
}

/**
 * Maps a box in model-square pixels back to frame pixels, clipped to the frame (a letterboxed box may cover
 * the bars; a centre-cropped frame's box always lies inside).
 */
export function squareToFrame(geometry: FitGeometry, box: Rect): Rect {
  const { src, dst } = geometry;
  const sx = src.w / dst.w;
  const sy = src.h / dst.h;
  const x0 = clamp(src.x + (box.x - dst.x) * sx, 0, geometry.frameWidth);
  const y0 = clamp(src.y + (box.y - dst.y) * sy, 0, geometry.frameHeight);
  const x1 = clamp(src.x + (box.x + box.w - dst.x) * sx, 0, geometry.frameWidth);
  const y1 = clamp(src.y + (box.y + box.h - dst.y) * sy, 0, geometry.frameHeight);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Maps a point of the frame into model-square pixels (for overlays drawn on the square). */
export function frameToSquare(geometry: FitGeometry, x: number, y: number): { x: number; y: number } {
  const { src, dst } = geometry;
  return { x: dst.x + (x - src.x) * (dst.w / src.w), y: dst.y + (y - src.y) * (dst.h / src.h) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
