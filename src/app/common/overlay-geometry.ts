/**
 * Where the overlay draws: from frame pixels to the displayed element's CSS pixels (object-fit aware), and the
 * saliency grid's cells from the model square back to frame pixels. Pure; draw-overlay.ts does the drawing.
 */
import { squareToFrame, type FitGeometry, type Rect } from '../../core/image/fit';

export interface Size {
  width: number;
  height: number;
}

/** displayed = offset + frame * scale, per axis. */
export interface Placement {
  x: number;
  y: number;
  sx: number;
  sy: number;
}

export type ObjectFit = 'contain' | 'cover' | 'fill' | 'none' | 'scale-down';

/**
 * Where a `content`-sized picture lands inside a `box`-sized element with the given object-fit, centred
 * (object-position 50% 50%, the default). Parts that fall outside the box (cover) are clipped by the element.
 */
export function objectFitPlacement(fit: ObjectFit, box: Size, content: Size): Placement {
  if (content.width <= 0 || content.height <= 0) return { x: 0, y: 0, sx: 0, sy: 0 };
  if (fit === 'fill') return { x: 0, y: 0, sx: box.width / content.width, sy: box.height / content.height };
  const containScale = Math.min(box.width / content.width, box.height / content.height);
  const scale =
    fit === 'contain'
      ? containScale
      : fit === 'cover'
        ? Math.max(box.width / content.width, box.height / content.height)
        : fit === 'none'
          ? 1
          : Math.min(1, containScale);
  return {
    x: (box.width - content.width * scale) / 2,
    y: (box.height - content.height * scale) / 2,
    sx: scale,
    sy: scale,
  };
}

export function placeRect(placement: Placement, rect: Rect): Rect {
  return {
    x: placement.x + rect.x * placement.sx,
    y: placement.y + rect.y * placement.sy,
    w: rect.w * placement.sx,
    h: rect.h * placement.sy,
  };
}

/** One heat-map cell in frame pixels, with its value scaled to 0..1 between the grid's minimum and maximum. */
export interface HeatCell {
  rect: Rect;
  level: number;
}

/** Below this spread (relative to the maximum) a grid is flat: it says nothing about where the model looked. */
const FLAT_SPREAD = 1e-6;

/**
 * The saliency grid (row-major over the model square) as frame rectangles, min-max scaled so the coldest cell is
 * transparent. Cells that fall wholly on letterbox bars are dropped; a flat grid gives no cells.
 */
export function heatCells(saliency: { grid: number; values: readonly number[] }, geometry: FitGeometry): HeatCell[] {
  const { grid, values } = saliency;
  if (grid < 1 || values.length === 0) return [];
  const max = Math.max(...values);
  const min = Math.min(...values);
  const spread = max - min;
  if (!(spread > FLAT_SPREAD * Math.max(1, Math.abs(max)))) return [];
  const cell = geometry.size / grid;
  const cells: HeatCell[] = [];
  for (let row = 0; row < grid; row++) {
    for (let col = 0; col < grid; col++) {
      const value = values[row * grid + col] ?? min;
      const rect = squareToFrame(geometry, { x: col * cell, y: row * cell, w: cell, h: cell });
      if (rect.w <= 0 || rect.h <= 0) continue;
      cells.push({ rect, level: (value - min) / spread });
    }
  }
  return cells;
}

/** Most opaque a heat cell gets, so the picture stays visible beneath. */
export const HEAT_MAX_ALPHA = 0.5;

/**
 * A translucent colour for a heat level 0..1: transparent blue when cold, through yellow, to red when hot.
 * Returned as an rgba() string for canvas fillStyle.
 */
export function heatColour(level: number): string {
  const t = Math.min(1, Math.max(0, level));
  // Hue 240 (blue) -> 60 (yellow) -> 0 (red) as the level rises; alpha rises with it.
  const hue = t < 0.5 ? 240 - (t / 0.5) * 180 : 60 - ((t - 0.5) / 0.5) * 60;
  const alpha = (HEAT_MAX_ALPHA * t).toFixed(3);
  return `hsla(${Math.round(hue)}, 100%, 50%, ${alpha})`;
}
