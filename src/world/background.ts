/** Paints a scene's background into an RGBA buffer; geometry scales with the image so any size looks alike. */
import { mix32 } from './random';
import type { Background } from './scene';

/** Peak brightness change of the "faint" texture and grid backgrounds, in 0-255 levels. */
export const TEXTURE_AMPLITUDE = 12;
export const GRID_LINE_SHIFT = 22;
/** Grid line width as a fraction of the scene side (1.25 px at 256 px). */
const GRID_LINE_WIDTH = 1.25 / 256;
/** Value-noise lattice cells per scene side, coarse and fine octave. */
const NOISE_CELLS = 12;

function latticeValue(seed: number, i: number, j: number): number {
  return (mix32(seed ^ Math.imul(i, 0x1f123bb5) ^ Math.imul(j, 0x5f356495)) / 4294967296) * 2 - 1;
}

/**
 * One octave of bilinear value noise in [-1, 1] over the whole image, `cells` lattice cells per side.
 * The lattice is hashed once per octave, not per pixel (hashing per pixel made texture 10x slower).
 */
function addNoiseOctave(field: Float64Array, size: number, seed: number, cells: number, weight: number): void {
  const stride = cells + 2;
  const lattice = new Float64Array(stride * stride);
  for (let j = 0; j < stride; j++) for (let i = 0; i < stride; i++) lattice[j * stride + i] = latticeValue(seed, i, j);
  const cellOf = new Int32Array(size);
  const fracOf = new Float64Array(size);
  for (let p = 0; p < size; p++) {
    const t = ((p + 0.5) / size) * cells;
    cellOf[p] = Math.floor(t);
    fracOf[p] = t - cellOf[p];
  }
  for (let y = 0; y < size; y++) {
    const row = cellOf[y] * stride;
    const fy = fracOf[y];
    for (let x = 0; x < size; x++) {
      const k = row + cellOf[x];
      const fx = fracOf[x];
      const top = lattice[k] * (1 - fx) + lattice[k + 1] * fx;
      const bottom = lattice[k + stride] * (1 - fx) + lattice[k + stride + 1] * fx;
      field[y * size + x] += weight * (top * (1 - fy) + bottom * fy);
    }
  }
}

/** Fraction of the pixel span [p, p+1) covered by the nearest grid line (pixel units). */
function lineCoverage(p: number, size: number, cells: number): number {
  const pitch = size / cells;
  const centre = Math.round((p + 0.5) / pitch) * pitch;
  const halfWidth = (GRID_LINE_WIDTH * size) / 2;
  return Math.max(0, Math.min(p + 1, centre + halfWidth) - Math.max(p, centre - halfWidth));
}

export function paintBackground(data: Uint8ClampedArray, size: number, bg: Background): void {
  const [r0, g0, b0] = bg.base;
  const [r1, g1, b1] = bg.to;
  // Grid lines go lighter on dark grounds and darker on light ones.
  const gridShift = (r0 + g0 + b0) / 3 < 128 ? GRID_LINE_SHIFT : -GRID_LINE_SHIFT;
  const colCoverage = new Float64Array(size);
  if (bg.kind === 'grid') for (let p = 0; p < size; p++) colCoverage[p] = lineCoverage(p, size, bg.gridCells);
  const noise = new Float64Array(bg.kind === 'texture' ? size * size : 0);
  if (bg.kind === 'texture') {
    addNoiseOctave(noise, size, bg.noiseSeed, NOISE_CELLS, 0.65 * TEXTURE_AMPLITUDE);
    addNoiseOctave(noise, size, bg.noiseSeed + 1, NOISE_CELLS * 3, 0.35 * TEXTURE_AMPLITUDE);
  }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let t = 0;
      if (bg.kind === 'gradient') {
        if (bg.direction === 'horizontal') t = (x + 0.5) / size;
        else if (bg.direction === 'vertical') t = (y + 0.5) / size;
        else t = (x + y + 1) / (2 * size);
      }
      let shift = 0;
      if (bg.kind === 'texture') {
        shift = noise[y * size + x];
      } else if (bg.kind === 'grid') {
        shift = gridShift * Math.max(colCoverage[x], colCoverage[y]);
      }
      const o = (y * size + x) * 4;
      data[o] = Math.round(r0 + (r1 - r0) * t + shift);
      data[o + 1] = Math.round(g0 + (g1 - g0) * t + shift);
      data[o + 2] = Math.round(b0 + (b1 - b0) * t + shift);
      data[o + 3] = 255;
    }
  }
}
