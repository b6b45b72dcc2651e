/**
 * The "camera-degraded" recipe: a world scene as a webcam filming a screen or a printout would see it (the
 * `test-camera` split, issue 19). One seed fixes every parameter (createRng, integer math), and every step uses
 * only + - * /, Math.floor/ceil/sqrt/abs/min/max, typed-array conversions and integer hashing (sin/cos and exp are
 * short series), so the same scene, size and seed give the same bytes in every engine; the JPEG codec is jpeg-js
 * (pure JS, using only Math.floor/round/ceil).
 *
 * Steps, in order: perspective warp (bilinear, edge replication outside the scene), contrast/brightness and
 * white balance, Gaussian blur, Gaussian sensor noise, JPEG round trip. The ground truth follows the geometry:
 * each centre is mapped through the same warp, `position` is recomputed (a centre near a cell border may change
 * cell: the truth follows the pixels), `extent` is scaled by the warp's local scale, and objects are re-sorted
 * into reading order. Size classes stay the drawn ones. docs/world.md, "Camera-degraded split", gives the
 * ranges' reasons and measured figures.
 *
 * Written for Node (datasets, eval): measured there only, though nothing in it needs Node. Use `cameraShots` for
 * many scenes: same bytes, about twice as fast (jpeg-js spends ~25 ms per encoder call building its tables).
 */
import jpeg from 'jpeg-js';
import { createRng, mix32, type Rng } from './random';
import { renderScene } from './render';
import { cellAt, compareReadingOrder, type Scene, type WorldObject } from './scene';

/** The recipe's ranges; every draw is uniform in its range. */
export const CAMERA_RECIPE = {
  /** Largest move of each scene corner, in units of the side (uniform in a disc): mild keystone/perspective. */
  cornerShift: 0.03,
  /** Zoom about the centre: under 1 shows some of the area past the scene's edge (edge-replicated). */
  scale: [0.95, 1.05],
  /** Roll about the centre, degrees. */
  rotationDeg: [-3, 3],
  /**
   * Contrast factor about mid grey (128). Capped at 1.1, not 1.2: a boost above that lifts the faint grid
   * background's line steps over world-limits' flat-pixel step (10 levels) once noise is added.
   */
  contrast: [0.8, 1.1],
  /** Brightness offset, levels (0-255), added after the contrast. */
  brightness: [-20, 20],
  /** White balance: gain of each channel, drawn independently. */
  gain: [0.92, 1.08],
  /** Gaussian blur sigma in pixels of a 256 px scene (scaled with the size). */
  blurSigmaPx256: [0.3, 1.0],
  /**
   * Sensor noise standard deviation, levels, independent per pixel and channel (a sum of 4 uniform bytes: near
   * Gaussian, within +-3.5 sd). Capped at 4, not 6, for the grid background as the contrast above.
   */
  noiseSd: [2, 4],
  /** JPEG quality (jpeg-js, 4:4:4), an integer in this closed range. */
  jpegQuality: [50, 90],
  /**
   * The geometry is redrawn until every object's mapped bounding square stays this far inside the frame (units
   * of the side), so no object is cropped and every centre stays in view; after `geometryTries` draws the
   * geometry is the identity.
   */
  frameMargin: 1 / 256,
  geometryTries: 50,
} as const;

/** A scene corner's move: [dx, dy] in units of the side. */
export type CornerShift = readonly [number, number];

/** Everything drawn for one image: with the rendered scene, it fixes the output bytes (`developCamera`). */
export interface CameraSettings {
  /** Zoom about the centre. */
  scale: number;
  rotationDeg: number;
  /** Moves of the top-left, top-right, bottom-right and bottom-left corners, after zoom and roll. */
  cornerShifts: readonly [CornerShift, CornerShift, CornerShift, CornerShift];
  /** Geometry draws it took to keep every object in frame (1 usually; 0 means the identity was used). */
  geometryDraws: number;
  contrast: number;
  brightness: number;
  /** Per-channel gains, R G B. */
  gain: readonly [number, number, number];
  /** Blur sigma as drawn (at 256 px) and as applied at this size; 0 skips the blur. */
  blurSigmaPx256: number;
  blurSigmaPx: number;
  /** Noise standard deviation in levels (0 skips) and the seed of its hashed per-pixel stream. */
  noiseSd: number;
  noiseSeed: number;
  /** JPEG quality; null skips the round trip (tests only: the recipe always draws one). */
  jpegQuality: number | null;
}

export interface CameraShot {
  /** size x size RGBA (alpha 255), after the JPEG round trip. */
  rgba: Uint8ClampedArray;
  /** The scene's objects as the picture shows them: mapped centres, cells and extents, in reading order. */
  objects: WorldObject[];
  /** What was drawn for this image. */
  applied: CameraSettings;
}

/** Projective map of the unit square (scene) to image coordinates (units of the side), h22 = 1. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** Settings that change nothing but the JPEG (quality null: nothing at all). */
export function identityCamera(jpegQuality: number | null = null): CameraSettings {
  return {
    scale: 1,
    rotationDeg: 0,
    cornerShifts: [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    geometryDraws: 0,
    contrast: 1,
    brightness: 0,
    gain: [1, 1, 1],
    blurSigmaPx256: 0,
    blurSigmaPx: 0,
    noiseSd: 0,
    noiseSeed: 0,
    jpegQuality,
  };
}

/** sin and cos of a small angle (radians) by their Taylor series: exact IEEE operations only. */
function sinCos(a: number): [number, number] {
  const a2 = a * a;
  const sin = a * (1 - (a2 / 6) * (1 - (a2 / 20) * (1 - (a2 / 42) * (1 - a2 / 72))));
  const cos = 1 - (a2 / 2) * (1 - (a2 / 12) * (1 - (a2 / 30) * (1 - (a2 / 56) * (1 - a2 / 90))));
  return [sin, cos];
}

/** e^-x for x >= 0 with + - * / only (halve, Taylor, square back), to ~1e-14 relative. */
function expNeg(x: number): number {
  let halvings = 0;
  while (x > 0.0625) {
    x /= 2;
    halvings++;
  }
  let term = 1;
  let sum = 1;
  for (let i = 1; i <= 8; i++) {
    term *= -x / i;
    sum += term;
  }
  for (; halvings > 0; halvings--) sum *= sum;
  return sum;
}

/** Where the scene's corners (TL, TR, BR, BL) land in the picture, in units of the side. */
export function cameraCorners(settings: CameraSettings): [number, number][] {
  const [sin, cos] = sinCos((settings.rotationDeg * Math.PI) / 180);
  const s = settings.scale;
  const unit: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ];
  return unit.map(([x, y], k) => {
    const dx = x - 0.5;
    const dy = y - 0.5;
    return [
      0.5 + s * (cos * dx - sin * dy) + settings.cornerShifts[k][0],
      0.5 + s * (sin * dx + cos * dy) + settings.cornerShifts[k][1],
    ];
  });
}

/** The projective map taking the unit square's corners (TL, TR, BR, BL) to `quad` (Heckbert's square-to-quad). */
function squareToQuad(quad: readonly (readonly [number, number])[]): Homography {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

/** The inverse map (adjugate, normalised so the last entry is 1). */
function invert(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m;
  const adj = [
    e * i - f * h,
    c * h - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * h - e * g,
    b * g - a * h,
    a * e - b * d,
  ];
  const k = adj[8];
  return adj.map((v) => v / k) as unknown as Homography;
}

/** The camera's map from scene coordinates to picture coordinates (both in units of the side). */
export function cameraHomography(settings: CameraSettings): Homography {
  return squareToQuad(cameraCorners(settings));
}

/** Image of the scene point (x, y) under `h`. */
export function mapPoint(h: Homography, x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** Linear scale of `h` at (x, y): the square root of its Jacobian's determinant. */
export function localScale(h: Homography, x: number, y: number): number {
  const w = h[6] * x + h[7] * y + h[8];
  const [u, v] = mapPoint(h, x, y);
  const det = (h[0] - h[6] * u) * (h[4] - h[7] * v) - (h[1] - h[7] * u) * (h[3] - h[6] * v);
  return Math.sqrt(Math.abs(det)) / Math.abs(w);
}

/** The objects as the picture shows them under `h`: mapped centres, cells, scaled extents, reading order. */
export function cameraObjects(objects: readonly WorldObject[], h: Homography): WorldObject[] {
  return objects
    .map((o) => {
      const [cx, cy] = mapPoint(h, o.cx, o.cy);
      return { ...o, cx, cy, extent: o.extent * localScale(h, o.cx, o.cy), position: cellAt(cx, cy) };
    })
    .sort(compareReadingOrder);
}

/** True when every object's bounding square, mapped by `h`, stays `margin` inside the frame. */
function inFrame(objects: readonly WorldObject[], h: Homography, margin: number): boolean {
  return objects.every((o) => {
    const r = o.extent / 2;
    for (const [x, y] of [
      [o.cx - r, o.cy - r],
      [o.cx + r, o.cy - r],
      [o.cx + r, o.cy + r],
      [o.cx - r, o.cy + r],
    ]) {
      const [u, v] = mapPoint(h, x, y);
      if (u < margin || v < margin || u > 1 - margin || v > 1 - margin) return false;
    }
    return true;
  });
}

const between = (rng: Rng, range: readonly [number, number]) => rng.range(range[0], range[1]);

function drawCornerShift(rng: Rng): CornerShift {
  const r = CAMERA_RECIPE.cornerShift;
  for (;;) {
    const dx = rng.range(-r, r);
    const dy = rng.range(-r, r);
    if (dx * dx + dy * dy <= r * r) return [dx, dy];
  }
}

/** Draws the settings of seed `seed` for a picture of `size` px showing `objects` (kept in frame). */
export function drawCamera(seed: number, objects: readonly WorldObject[], size: number): CameraSettings {
  const rng = createRng(seed);
  const R = CAMERA_RECIPE;
  let geometry: Pick<CameraSettings, 'scale' | 'rotationDeg' | 'cornerShifts' | 'geometryDraws'> = identityCamera();
  for (let draw = 1; draw <= R.geometryTries; draw++) {
    const candidate = {
      scale: between(rng, R.scale),
      rotationDeg: between(rng, R.rotationDeg),
      cornerShifts: [drawCornerShift(rng), drawCornerShift(rng), drawCornerShift(rng), drawCornerShift(rng)] as const,
      geometryDraws: draw,
    };
    if (inFrame(objects, cameraHomography({ ...identityCamera(), ...candidate }), R.frameMargin)) {
      geometry = candidate;
      break;
    }
  }
  const blurSigmaPx256 = between(rng, R.blurSigmaPx256);
  return {
    ...geometry,
    contrast: between(rng, R.contrast),
    brightness: between(rng, R.brightness),
    gain: [between(rng, R.gain), between(rng, R.gain), between(rng, R.gain)],
    blurSigmaPx256,
    blurSigmaPx: (blurSigmaPx256 * size) / 256,
    noiseSd: between(rng, R.noiseSd),
    noiseSeed: rng.int(0x7fffffff),
    jpegQuality: R.jpegQuality[0] + rng.int(R.jpegQuality[1] - R.jpegQuality[0] + 1),
  };
}

/**
 * Picture of the RGBA `rgba` (size x size) through `h`, as float RGB: each pixel centre is mapped back into the
 * scene and sampled bilinearly; points outside the scene take the nearest edge pixel (edge replication).
 */
export function warpPixels(rgba: ArrayLike<number>, size: number, h: Homography): Float32Array {
  const inv = invert(h);
  const out = new Float32Array(size * size * 3);
  const last = size - 1;
  for (let j = 0; j < size; j++) {
    const v = (j + 0.5) / size;
    for (let i = 0; i < size; i++) {
      const u = (i + 0.5) / size;
      const w = inv[6] * u + inv[7] * v + inv[8];
      let sx = ((inv[0] * u + inv[1] * v + inv[2]) / w) * size - 0.5;
      let sy = ((inv[3] * u + inv[4] * v + inv[5]) / w) * size - 0.5;
      sx = sx < 0 ? 0 : sx > last ? last : sx;
      sy = sy < 0 ? 0 : sy > last ? last : sy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const x1 = x0 < last ? x0 + 1 : last;
      const y1 = y0 < last ? y0 + 1 : last;
      const p00 = (y0 * size + x0) * 4;
      const p10 = (y0 * size + x1) * 4;
      const p01 = (y1 * size + x0) * 4;
      const p11 = (y1 * size + x1) * 4;
      const o = (j * size + i) * 3;
      for (let c = 0; c < 3; c++) {
        const top = rgba[p00 + c] + (rgba[p10 + c] - rgba[p00 + c]) * fx;
        const bottom = rgba[p01 + c] + (rgba[p11 + c] - rgba[p01 + c]) * fx;
        out[o + c] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}

/** Contrast about mid grey, brightness, then per-channel gain (v -> gain * ((v - 128) * contrast + 128 + brightness)). */
function adjustColour(rgb: Float32Array, s: CameraSettings): void {
  const offset = 128 - 128 * s.contrast + s.brightness;
  const [ar, ag, ab] = s.gain.map((g) => g * s.contrast);
  const [br, bg, bb] = s.gain.map((g) => g * offset);
  for (let p = 0; p < rgb.length; p += 3) {
    rgb[p] = ar * rgb[p] + br;
    rgb[p + 1] = ag * rgb[p + 1] + bg;
    rgb[p + 2] = ab * rgb[p + 2] + bb;
  }
}

/** Separable Gaussian blur of float RGB, edge-replicated, in place. */
function gaussianBlur(rgb: Float32Array, size: number, sigma: number): void {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const taps = 2 * radius + 1;
  const kernel = new Float64Array(taps);
  let total = 0;
  for (let k = -radius; k <= radius; k++) {
    kernel[k + radius] = expNeg((k * k) / (2 * sigma * sigma));
    total += kernel[k + radius];
  }
  for (let k = 0; k < taps; k++) kernel[k] /= total;
  // Clamped source index of tap k at position i is clamped[i + k] (edge replication).
  const clamped = new Int32Array(size + taps - 1);
  for (let i = 0; i < clamped.length; i++) clamped[i] = Math.min(size - 1, Math.max(0, i - radius));
  const tmp = new Float32Array(rgb.length);
  const row = size * 3;
  const acc = new Float64Array(row);
  // Along rows: tmp = rgb convolved horizontally, over a copy of each row padded by edge replication.
  const padded = new Float64Array(row + 2 * radius * 3);
  for (let j = 0; j < size; j++) {
    const base = j * row;
    for (let i = 0; i < padded.length; i++) padded[i] = rgb[base + clamped[Math.floor(i / 3)] * 3 + (i % 3)];
    acc.fill(0);
    for (let k = 0; k < taps; k++) {
      const shift = k * 3;
      const w = kernel[k];
      for (let x = 0; x < row; x++) acc[x] += padded[x + shift] * w;
    }
    tmp.set(acc, base);
  }
  // Along columns, a whole row at a time: rgb = tmp convolved vertically.
  for (let j = 0; j < size; j++) {
    acc.fill(0);
    for (let k = 0; k < taps; k++) {
      const src = clamped[j + k] * row;
      const w = kernel[k];
      for (let x = 0; x < row; x++) acc[x] += tmp[src + x] * w;
    }
    rgb.set(acc, j * row);
  }
}

/** Sum of 4 uniform bytes of one hash, standardised: mean 0, sd 1, within +-3.45 (near-Gaussian). */
const BYTE_SUM_MEAN = 4 * 127.5;
const BYTE_SUM_SD = Math.sqrt((4 * (256 * 256 - 1)) / 12);

/** Adds near-Gaussian noise of `sd` levels to every channel, from a hashed stream of `seed`, in place. */
function addNoise(rgb: Float32Array, sd: number, seed: number): void {
  const scale = sd / BYTE_SUM_SD;
  const hash = mix32;
  for (let p = 0; p < rgb.length; p++) {
    const h = hash(Math.imul(p + 1, 0x9e3779b1) ^ seed);
    const sum = (h & 255) + ((h >>> 8) & 255) + ((h >>> 16) & 255) + (h >>> 24);
    rgb[p] += (sum - BYTE_SUM_MEAN) * scale;
  }
}

/** Float RGB to RGBA bytes, alpha 255 (Uint8ClampedArray clamps and rounds half to even, as specified). */
function toRgba(rgb: Float32Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray((rgb.length / 3) * 4);
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    out[q] = rgb[p];
    out[q + 1] = rgb[p + 1];
    out[q + 2] = rgb[p + 2];
    out[q + 3] = 255;
  }
  return out;
}

/** Encodes RGBA (size x size) as a JPEG of `quality` with jpeg-js and decodes it back. */
export function jpegRoundTrip(rgba: Uint8ClampedArray, size: number, quality: number): Uint8ClampedArray {
  return jpegRoundTrips([rgba], size, quality)[0];
}

/** Images stacked into one JPEG at most (jpeg-js's encoder costs ~25 ms a call, mostly building its tables). */
const JPEG_STACK_MAX = 64;

/**
 * The JPEG round trip of several size x size RGBA images at one quality, byte for byte what `jpegRoundTrip`
 * gives each: when size is a multiple of 8 they are stacked vertically into one picture, whose 8x8 blocks are
 * quantised and reconstructed independently (jpeg-js writes 4:4:4 baseline: no chroma subsampling, no smoothing
 * across blocks; DC prediction is lossless). Other sizes go one at a time.
 */
export function jpegRoundTrips(
  images: readonly Uint8ClampedArray[],
  size: number,
  quality: number,
): Uint8ClampedArray[] {
  const step = size % 8 === 0 ? JPEG_STACK_MAX : 1;
  const bytes = size * size * 4;
  const out: Uint8ClampedArray[] = [];
  for (let start = 0; start < images.length; start += step) {
    const group = images.slice(start, start + step);
    const stack = new Uint8ClampedArray(bytes * group.length);
    group.forEach((image, k) => stack.set(image, k * bytes));
    const encoded = jpeg.encode({ data: stack, width: size, height: size * group.length }, quality);
    const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true }).data;
    for (let k = 0; k < group.length; k++)
      out.push(new Uint8ClampedArray(decoded.subarray(k * bytes, (k + 1) * bytes)));
  }
  return out;
}

/** Applies `settings` to a rendered scene (size x size RGBA) up to the JPEG: warp, colour, blur, noise. */
export function developRaw(rgba: ArrayLike<number>, size: number, settings: CameraSettings): Uint8ClampedArray {
  const rgb = warpPixels(rgba, size, cameraHomography(settings));
  adjustColour(rgb, settings);
  if (settings.blurSigmaPx > 0) gaussianBlur(rgb, size, settings.blurSigmaPx);
  if (settings.noiseSd > 0) addNoise(rgb, settings.noiseSd, settings.noiseSeed);
  return toRgba(rgb);
}

/** Applies `settings` to a rendered scene (size x size RGBA): warp, colour, blur, noise, JPEG. */
export function developCamera(rgba: ArrayLike<number>, size: number, settings: CameraSettings): Uint8ClampedArray {
  const raw = developRaw(rgba, size, settings);
  return settings.jpegQuality === null ? raw : jpegRoundTrip(raw, size, settings.jpegQuality);
}

/** The scene as camera `seed` films it at `size` px: the picture, its ground truth and the drawn settings. */
export function cameraShot(scene: Scene, size: number, seed: number): CameraShot {
  return cameraShots([{ scene, seed }], size)[0];
}

/**
 * `cameraShot` of many scenes, the same bytes for each, faster: images that drew the same JPEG quality share
 * one jpeg-js call (`jpegRoundTrips`).
 */
export function cameraShots(items: readonly { scene: Scene; seed: number }[], size: number): CameraShot[] {
  const shots = items.map(({ scene, seed }) => {
    const applied = drawCamera(seed, scene.objects, size);
    return {
      rgba: developRaw(renderScene(scene, size), size, applied),
      objects: cameraObjects(scene.objects, cameraHomography(applied)),
      applied,
    };
  });
  const byQuality = new Map<number, number[]>();
  shots.forEach((shot, i) => {
    const q = shot.applied.jpegQuality;
    if (q !== null) byQuality.set(q, [...(byQuality.get(q) ?? []), i]);
  });
  for (const [quality, indices] of byQuality) {
    const decoded = jpegRoundTrips(
      indices.map((i) => shots[i].rgba),
      size,
      quality,
    );
    indices.forEach((i, k) => (shots[i].rgba = decoded[k]));
  }
  return shots;
}
