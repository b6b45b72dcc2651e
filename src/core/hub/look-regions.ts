import type { RegionBox } from '../caption-types';
import { type FitGeometry, frameToSquare, type Rect, squareToFrame } from '../image/fit';
import { regionBox } from '../real/choose-regions';
import { REGION_MAX_CONTAINMENT, REGION_MAX_IOU } from '../real/constants';
import { containment, iou } from '../real/geometry';
import { selectRegions } from '../regions';

/** Cells per side of the heat map over the glance square. */
export const LOOK_GRID = 16;
/** Side of a crop, as a share of the glance square: about a third of the picture, as SAHI's slices. */
const WINDOW_SHARE = 0.4;
/** Samples per cell side when reading colours (enough for a mean; a 4K frame is not read whole). */
const SAMPLES = 6;

export interface FrameImage {
  /** RGBA or RGB, row-major. */
  pixels: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

/**
 * Where a hub captioner looks again when its export gives no attention to follow (docs/hub-models.md): a
 * colour-contrast heat map over the glance square (how far each cell's mean colour is from the picture's, plus
 * its local contrast, as in frequency-tuned saliency), then the same top-k selection with suppression as the
 * learned model's regions (regions.ts). Cells in the letterbox bars are 0. Values are normalised to sum 1.
 */
export function contrastSaliency(image: FrameImage, geometry: FitGeometry): { grid: number; values: number[] } {
  const G = LOOK_GRID;
  const cell = geometry.size / G;
  const means: ([number, number, number] | null)[] = [];
  const texture: number[] = [];
  for (let row = 0; row < G; row++) {
    for (let col = 0; col < G; col++) {
      const box = squareToFrame(geometry, { x: col * cell, y: row * cell, w: cell, h: cell });
      const inside = insideDst(geometry, row, col, cell);
      if (!inside || box.w < 1 || box.h < 1) {
        means.push(null);
        texture.push(0);
        continue;
      }
      const stats = cellStats(image, box);
      means.push(stats.mean);
      texture.push(stats.spread);
    }
  }
  const valid = means.filter((m): m is [number, number, number] => m !== null);
  const global = [0, 1, 2].map((c) => valid.reduce((s, m) => s + m[c], 0) / Math.max(1, valid.length));
  const raw = means.map((m, i) => {
    if (!m) return 0;
    const distance = Math.hypot(m[0] - global[0], m[1] - global[1], m[2] - global[2]) / 441.7;
    return 0.7 * distance + 0.3 * texture[i];
  });
  const total = raw.reduce((s, v) => s + v, 0);
  return { grid: G, values: raw.map((v) => (total > 0 ? v / total : 0)) };
}

/** The `k` regions to look at again, in frame pixels and in glance-square pixels. */
export function lookRegions(heat: { grid: number; values: number[] }, geometry: FitGeometry, k: number): RegionBox[] {
  const size = geometry.size;
  const window = Math.round(size * WINDOW_SHARE);
  const cell = size / heat.grid;
  const nmsRadius = Math.max(1, Math.ceil(window / cell / 2));
  return selectRegions(heat.values, { k, grid: heat.grid, size, window, nmsRadius })
    .filter((region) => region.score > 0)
    .map((region) => {
      const square = { x: region.x0, y: region.y0, w: window, h: window };
      const box = squareToFrame(geometry, square);
      return { ...roundBox(box), square, score: region.score, source: 'colour contrast' as const };
    })
    .filter((box) => box.w >= 2 && box.h >= 2);
}

function insideDst(geometry: FitGeometry, row: number, col: number, cell: number): boolean {
  const { dst } = geometry;
  const cx = (col + 0.5) * cell;
  const cy = (row + 0.5) * cell;
  return cx >= dst.x && cx < dst.x + dst.w && cy >= dst.y && cy < dst.y + dst.h;
}

/** Mean colour of the box and its mean absolute deviation (0..1), from a grid of samples. */
function cellStats(image: FrameImage, box: { x: number; y: number; w: number; h: number }) {
  const { pixels, width, height, channels } = image;
  const samples: [number, number, number][] = [];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = Math.min(width - 1, Math.floor(box.x + ((sx + 0.5) * box.w) / SAMPLES));
      const y = Math.min(height - 1, Math.floor(box.y + ((sy + 0.5) * box.h) / SAMPLES));
      const i = (y * width + x) * channels;
      samples.push([pixels[i], pixels[i + 1], pixels[i + 2]]);
    }
  }
  const mean = [0, 1, 2].map((c) => samples.reduce((s, p) => s + p[c], 0) / samples.length) as [number, number, number];
  const spread =
    samples.reduce((s, p) => s + Math.abs(p[0] - mean[0]) + Math.abs(p[1] - mean[1]) + Math.abs(p[2] - mean[2]), 0) /
    (samples.length * 3 * 255);
  return { mean, spread };
}

function roundBox(box: { x: number; y: number; w: number; h: number }) {
  const x = Math.round(box.x);
  const y = Math.round(box.y);
  return { x, y, w: Math.round(box.x + box.w) - x, h: Math.round(box.y + box.h) - y };
}

/** A box in frame pixels that a model found for a phrase (Florence-2's grounding), best first. */
export interface FoundBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An object a detector found, its box in frame pixels, with its confidence (0..1) and class name. */
export interface FoundObject extends FoundBox {
  score: number;
  label: string;
}

/** Regions to look at again and the heat map the UI draws under them. */
export interface ChosenRegions {
  regions: RegionBox[];
  saliency: { grid: number; values: number[] };
}

/**
 * Grounded boxes as regions to look at again: the first `k`, skipping boxes that cover most of the frame (a crop
 * of nearly everything only shows the glance again), with a heat map over the glance square where each box paints
 * its cells by its rank (1, 1/2, 1/3...), normalised to sum 1, so the UI draws the same overlay as for the
 * learned model.
 */
export function groundedRegions(boxes: readonly FoundBox[], geometry: FitGeometry, k: number): ChosenRegions {
  const kept = boxes
    .map((box) => clipToFrame(box, geometry))
    .filter((box) => isPart(box, geometry))
    .slice(0, k);
  const squares = kept.map((box) => toSquare(box, geometry));
  const weights = kept.map((_, rank) => 1 / (rank + 1));
  const weightTotal = weights.reduce((s, v) => s + v, 0);
  return {
    regions: kept.map((box, i) => ({
      ...roundBox(box),
      square: squares[i],
      score: weights[i] / weightTotal,
      source: 'grounding' as const,
    })),
    saliency: boxHeat(squares, weights, geometry),
  };
}

/**
 * A detector's objects as regions to look at again (the real-world bundle's CenterNet, for hub models that ground
 * nothing themselves): best score first, a box covering most of the frame skipped (as for grounding), each crop
 * the real-world captioner's (choose-regions.ts `regionBox`: the box with a quarter of its size of context per side,
 * made square, clipped), a crop overlapping a better one as the real-world captioner's do (REGION_MAX_IOU,
 * REGION_MAX_CONTAINMENT) left out, `k` at most. The heat map paints the detected boxes (not the crops) by score,
 * normalised to sum 1. Null when no object is left: the caller then reads the pixels (contrastSaliency).
 */
export function detectedRegions(
  objects: readonly FoundObject[],
  geometry: FitGeometry,
  k: number,
): ChosenRegions | null {
  const frame = { width: geometry.frameWidth, height: geometry.frameHeight };
  const kept: { box: FoundBox; crop: FoundBox; score: number }[] = [];
  for (const object of [...objects].sort((a, b) => b.score - a.score)) {
    if (kept.length >= k) break;
    const box = clipToFrame(object, geometry);
    if (!(object.score > 0) || !isPart(box, geometry)) continue;
    const crop = regionBox(box, frame);
    const overlaps = kept.some(
      (other) => iou(crop, other.crop) > REGION_MAX_IOU || containment(crop, other.crop) > REGION_MAX_CONTAINMENT,
    );
    if (!overlaps) kept.push({ box, crop, score: object.score });
  }
  if (kept.length === 0) return null;
  const scoreTotal = kept.reduce((s, o) => s + o.score, 0);
  const saliency = boxHeat(
    kept.map((o) => toSquare(o.box, geometry)),
    kept.map((o) => o.score),
    geometry,
  );
  return {
    regions: kept.map((o) => {
      const crop = roundBox(o.crop);
      return { ...crop, square: toSquare(crop, geometry), score: o.score / scoreTotal, source: 'detector' as const };
    }),
    saliency,
  };
}

/** A found box that covers this share of the frame or more is the whole picture again. */
const WHOLE_FRAME_SHARE = 0.8;

/** A box worth a look of its own: not degenerate, not (nearly) the whole frame. */
function isPart(box: FoundBox, geometry: FitGeometry): boolean {
  const frameArea = geometry.frameWidth * geometry.frameHeight;
  return box.w >= 2 && box.h >= 2 && (box.w * box.h) / frameArea < WHOLE_FRAME_SHARE;
}

/** A frame-pixel box in glance-square pixels. */
function toSquare(box: FoundBox, geometry: FitGeometry): Rect {
  const a = frameToSquare(geometry, box.x, box.y);
  const b = frameToSquare(geometry, box.x + box.w, box.y + box.h);
  return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
}

/**
 * A heat map over the glance square from boxes (glance-square pixels): each paints the cells it overlaps by its
 * weight times the share of the cell it covers; normalised to sum 1 (all 0 without boxes).
 */
function boxHeat(
  squares: readonly Rect[],
  weights: readonly number[],
  geometry: FitGeometry,
): { grid: number; values: number[] } {
  const G = LOOK_GRID;
  const cell = geometry.size / G;
  const values = new Array<number>(G * G).fill(0);
  squares.forEach((square, i) => {
    for (let row = 0; row < G; row++) {
      for (let col = 0; col < G; col++) {
        const overlapX = Math.min(square.x + square.w, (col + 1) * cell) - Math.max(square.x, col * cell);
        const overlapY = Math.min(square.y + square.h, (row + 1) * cell) - Math.max(square.y, row * cell);
        if (overlapX > 0 && overlapY > 0) values[row * G + col] += ((overlapX * overlapY) / (cell * cell)) * weights[i];
      }
    }
  });
  const total = values.reduce((s, v) => s + v, 0);
  return { grid: G, values: values.map((v) => (total > 0 ? v / total : 0)) };
}

function clipToFrame(box: FoundBox, geometry: FitGeometry): FoundBox {
  const x0 = Math.max(0, Math.min(geometry.frameWidth, box.x));
  const y0 = Math.max(0, Math.min(geometry.frameHeight, box.y));
  const x1 = Math.max(0, Math.min(geometry.frameWidth, box.x + box.w));
  const y1 = Math.max(0, Math.min(geometry.frameHeight, box.y + box.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
