/**
 * A picture's scene signature (types.ts `SceneSignature`) and the distance between two of them: what tells one
 * shot from the next while costing a few ms a frame. Reads every `PixelFormat` that `VideoFrame.copyTo` hands back,
 * so the sampler never converts pixels itself.
 */
import { InvalidInputError } from '../errors';
import type { PixelFormat, PlaneLayout, PlanarPixels, SceneSignature } from './types';

/** Cells per side of the signature's grid: fine enough to see where things are, coarse enough to ignore motion. */
export const SIGNATURE_GRID = 12;
/** Luma histogram bins. */
export const HISTOGRAM_BINS = 16;

/**
 * The signature reads every SAMPLE_STEP-th pixel of every SAMPLE_STEP-th row: a quarter of a 1280x720 frame,
 * about 230 000 pixels, 3 ms as I420 or NV12 and 5 ms as RGBA in Node on these 2-core machines. A cell of that
 * frame still averages 1600 pixels, so the means barely move. A side shorter than SIGNATURE_GRID * SAMPLE_STEP
 * is read at every pixel so that each cell keeps a sample.
 */
const SAMPLE_STEP = 2;

/**
 * How much of the distance each part carries. The grid (where things are: an object moved in, a layout changed)
 * is the main cue; the histogram (the picture's overall tone: a fade, a cut to a darker or brighter shot whose
 * layout happens to match) catches what the cell means average away.
 */
const GRID_WEIGHT = 0.6;
const HISTOGRAM_WEIGHT = 0.4;
/**
 * The grid's mean absolute difference that counts as "entirely different". Unrelated pictures differ by 0.03-0.15
 * on average over Y, U and V (chroma stays near its middle in most footage, and objects cover few cells), so the
 * raw mean would squeeze every cut into the bottom of 0..1.
 */
const GRID_FULL_SCALE = 0.1;

/**
 * A distance above which two samples show different scenes, chosen on distances measured at 640x480 I420
 * (docs/video-captions.md has the table). Within one shot: OpenCV's vtest.avi (static camera, people walking)
 * gives at most 0.052 between samples 0.5 s apart and 0.067 between any frame and the first; the 32 photos of
 * docs/real-photos.md shifted by 4 px both ways at most 0.078. Across cuts: 60 consecutive distinct world scenes
 * give at least 0.186, the photos' 496 pairs at least 0.38. 0.12 sits in the gap, about 1.5x from either side.
 * Adding or removing one object in the demo world (src/world/demo-world.ts) gives 0.002-0.064: no scene change,
 * on purpose (one more walker in vtest looks the same).
 */
export const DEFAULT_CUT_THRESHOLD = 0.12;

/** Fills Y, U and V (0..255) for the sampled columns of picture row `y`. */
type RowReader = (y: number, outY: Uint8Array, outU: Uint8Array, outV: Uint8Array) => void;

/** Where the signature samples along one axis, and the grid cell each position falls in. */
interface AxisSamples {
  positions: Int32Array;
  cells: Int32Array;
}

function axisSamples(length: number): AxisSamples {
  if (length < SIGNATURE_GRID) {
    // Fewer pixels than cells: each cell takes the pixel under its centre (pixels are shared between cells).
    const cells = Int32Array.from({ length: SIGNATURE_GRID }, (_, c) => c);
    const positions = cells.map((c) => Math.floor(((c + 0.5) * length) / SIGNATURE_GRID));
    return { positions, cells };
  }
  const step = length >= SIGNATURE_GRID * SAMPLE_STEP ? SAMPLE_STEP : 1;
  const positions = Int32Array.from({ length: Math.ceil(length / step) }, (_, i) => i * step);
  const cells = positions.map((p) => Math.floor((p * SIGNATURE_GRID) / length));
  return { positions, cells };
}

/** One plane's shape in bytes, to check its layout against the buffer before reading it. */
interface PlaneExtent {
  rows: number;
  rowBytes: number;
}

function checkPlane(pixels: PlanarPixels, index: number, extent: PlaneExtent): PlaneLayout {
  const plane = pixels.layout[index];
  if (!plane) throw new InvalidInputError(`${pixels.format} needs plane ${index} in its layout`);
  const { offset, stride } = plane;
  const end = offset + stride * (extent.rows - 1) + extent.rowBytes;
  if (!(Number.isInteger(offset) && offset >= 0 && Number.isInteger(stride) && stride >= extent.rowBytes))
    throw new InvalidInputError(`${pixels.format} plane ${index}: bad layout (offset ${offset}, stride ${stride})`);
  if (end > pixels.data.length)
    throw new InvalidInputError(`${pixels.format} plane ${index} ends at byte ${end}, past ${pixels.data.length}`);
  return plane;
}

/** Chroma subsampling shifts (x, y) of the planar YUV formats. */
const PLANAR_SHIFTS: Partial<Record<PixelFormat, readonly [number, number]>> = {
  I420: [1, 1],
  I420A: [1, 1],
  I422: [1, 0],
  I444: [0, 0],
};

/** Byte offsets of R, G and B inside a 4-byte pixel. */
const RGB_ORDER: Partial<Record<PixelFormat, readonly [number, number, number]>> = {
  RGBA: [0, 1, 2],
  RGBX: [0, 1, 2],
  BGRA: [2, 1, 0],
  BGRX: [2, 1, 0],
};

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

function planarReader(pixels: PlanarPixels, xs: Int32Array, [sx, sy]: readonly [number, number]): RowReader {
  const { data, width, height } = pixels;
  const chroma = { rows: Math.ceil(height / (1 << sy)), rowBytes: Math.ceil(width / (1 << sx)) };
  const yPlane = checkPlane(pixels, 0, { rows: height, rowBytes: width });
  const uPlane = checkPlane(pixels, 1, chroma);
  const vPlane = checkPlane(pixels, 2, chroma);
  const cxs = xs.map((x) => x >> sx);
  return (y, outY, outU, outV) => {
    const yRow = yPlane.offset + y * yPlane.stride;
    const uRow = uPlane.offset + (y >> sy) * uPlane.stride;
    const vRow = vPlane.offset + (y >> sy) * vPlane.stride;
    for (let i = 0; i < xs.length; i++) {
      outY[i] = data[yRow + xs[i]];
      outU[i] = data[uRow + cxs[i]];
      outV[i] = data[vRow + cxs[i]];
    }
  };
}

function nv12Reader(pixels: PlanarPixels, xs: Int32Array): RowReader {
  const { data, width, height } = pixels;
  const yPlane = checkPlane(pixels, 0, { rows: height, rowBytes: width });
  const uvPlane = checkPlane(pixels, 1, { rows: Math.ceil(height / 2), rowBytes: 2 * Math.ceil(width / 2) });
  const uvColumns = xs.map((x) => 2 * (x >> 1));
  return (y, outY, outU, outV) => {
    const yRow = yPlane.offset + y * yPlane.stride;
    const uvRow = uvPlane.offset + (y >> 1) * uvPlane.stride;
    for (let i = 0; i < xs.length; i++) {
      outY[i] = data[yRow + xs[i]];
      outU[i] = data[uvRow + uvColumns[i]];
      outV[i] = data[uvRow + uvColumns[i] + 1];
    }
  };
}

/**
 * RGB to limited-range BT.601 Y'CbCr, as a decoder hands SD video (and as Chromium reads y4m), so one picture
 * gives nearly the same signature whether the frame arrives as I420 or as RGBA. HD video is usually BT.709; the
 * difference moves chroma a few levels, which no threshold here is sensitive to.
 */
function rgbReader(pixels: PlanarPixels, xs: Int32Array, [r, g, b]: readonly [number, number, number]): RowReader {
  const { data, width, height } = pixels;
  const plane = checkPlane(pixels, 0, { rows: height, rowBytes: 4 * width });
  const bytes = xs.map((x) => 4 * x);
  return (y, outY, outU, outV) => {
    const row = plane.offset + y * plane.stride;
    for (let i = 0; i < xs.length; i++) {
      const p = row + bytes[i];
      const R = data[p + r];
      const G = data[p + g];
      const B = data[p + b];
      outY[i] = clampByte(16 + 0.2568 * R + 0.5041 * G + 0.0979 * B);
      outU[i] = clampByte(128 - 0.1482 * R - 0.291 * G + 0.4392 * B);
      outV[i] = clampByte(128 + 0.4392 * R - 0.3678 * G - 0.0714 * B);
    }
  };
}

function rowReader(pixels: PlanarPixels, xs: Int32Array): RowReader {
  const shifts = PLANAR_SHIFTS[pixels.format];
  if (shifts) return planarReader(pixels, xs, shifts);
  if (pixels.format === 'NV12') return nv12Reader(pixels, xs);
  const order = RGB_ORDER[pixels.format];
  if (order) return rgbReader(pixels, xs, order);
  throw new InvalidInputError(`unsupported pixel format ${String(pixels.format)}`);
}

/**
 * Soft histogram bins: a luma value splits its weight between the two nearest bin centres, so noise of a few
 * levels on a flat area near a bin edge moves the histogram by a little, not by the whole area.
 */
const SOFT_BIN = new Int32Array(256);
const SOFT_UPPER_WEIGHT = new Float64Array(256);
for (let v = 0; v < 256; v++) {
  const position = ((v + 0.5) * HISTOGRAM_BINS) / 256 - 0.5;
  const bin = Math.min(Math.max(Math.floor(position), 0), HISTOGRAM_BINS - 2);
  SOFT_BIN[v] = bin;
  SOFT_UPPER_WEIGHT[v] = Math.min(Math.max(position - bin, 0), 1);
}

/** The signature of one picture (see SceneSignature); reads a subsample of the pixels (SAMPLE_STEP). */
export function signatureOf(pixels: PlanarPixels): SceneSignature {
  const { width, height } = pixels;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
    throw new InvalidInputError(`picture size ${width}x${height} is empty`);
  const columns = axisSamples(width);
  const rows = axisSamples(height);
  const read = rowReader(pixels, columns.positions);
  const n = columns.positions.length;
  const rowY = new Uint8Array(n);
  const rowU = new Uint8Array(n);
  const rowV = new Uint8Array(n);
  const cells = SIGNATURE_GRID * SIGNATURE_GRID;
  const sums = new Float64Array(cells * 3);
  const counts = new Float64Array(cells);
  const histogram = new Float64Array(HISTOGRAM_BINS);
  for (let r = 0; r < rows.positions.length; r++) {
    read(rows.positions[r], rowY, rowU, rowV);
    const rowCell = rows.cells[r] * SIGNATURE_GRID;
    for (let i = 0; i < n; i++) {
      const cell = rowCell + columns.cells[i];
      const luma = rowY[i];
      sums[cell * 3] += luma;
      sums[cell * 3 + 1] += rowU[i];
      sums[cell * 3 + 2] += rowV[i];
      counts[cell] += 1;
      const upper = SOFT_UPPER_WEIGHT[luma];
      histogram[SOFT_BIN[luma]] += 1 - upper;
      histogram[SOFT_BIN[luma] + 1] += upper;
    }
  }
  const grid = new Float32Array(cells * 3);
  for (let k = 0; k < grid.length; k++) grid[k] = sums[k] / counts[Math.floor(k / 3)] / 255;
  const total = rows.positions.length * n;
  return { grid, histogram: Float32Array.from(histogram, (h) => h / total) };
}

/**
 * How different two signatures are, 0 (identical) to 1: GRID_WEIGHT x the cells' mean absolute difference
 * (scaled by GRID_FULL_SCALE, capped at 1) plus HISTOGRAM_WEIGHT x half the histograms' L1 distance (the share
 * of pixels whose tone moved).
 */
export function signatureDistance(a: SceneSignature, b: SceneSignature): number {
  if (a.grid.length !== b.grid.length || a.histogram.length !== b.histogram.length)
    throw new InvalidInputError('signatures of different shapes cannot be compared');
  let gridDifference = 0;
  for (let k = 0; k < a.grid.length; k++) gridDifference += Math.abs(a.grid[k] - b.grid[k]);
  let histogramDifference = 0;
  for (let k = 0; k < a.histogram.length; k++) histogramDifference += Math.abs(a.histogram[k] - b.histogram[k]);
  const gridTerm = Math.min(1, gridDifference / a.grid.length / GRID_FULL_SCALE);
  const histogramTerm = Math.min(1, histogramDifference / 2);
  return GRID_WEIGHT * gridTerm + HISTOGRAM_WEIGHT * histogramTerm;
}
