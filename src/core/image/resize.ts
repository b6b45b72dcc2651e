import type { FitMode } from '../bundle/config';
import { type FitGeometry, type Rect, fitGeometry } from './fit';
import type { PixelBuffer } from './pixels';

/**
 * Fits a decoded frame to the model square in pure TypeScript (the browser uses drawImage instead):
 * centre-crop or letterbox per `fitGeometry`, then a separable triangle-filter resample whose support widens
 * with the downscale factor (PIL's BILINEAR, which training/preprocess.py uses; 8-bit rounding between the
 * horizontal and vertical pass as PIL does, so results agree with PIL to about +-1). A 1:1 fit is an exact copy.
 */
export function fitToSquare(
  image: PixelBuffer,
  size: number,
  mode: FitMode,
  fill: readonly [number, number, number] = [0, 0, 0],
): { pixels: Uint8Array; geometry: FitGeometry } {
  const geometry = fitGeometry(image.width, image.height, size, mode);
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) pixels.set([fill[0], fill[1], fill[2], 255], i * 4);
  const { src, dst } = geometry;
  const resized = isPixelCopy(src, dst) ? copyRect(image, src) : resample(image, src, dst.w, dst.h);
  for (let y = 0; y < dst.h; y++) {
    pixels.set(resized.subarray(y * dst.w * 4, (y + 1) * dst.w * 4), ((dst.y + y) * size + dst.x) * 4);
  }
  return { pixels, geometry };
}

/** A 1:1 fit on whole pixels (a 256 px world image for a 256 px model): no filter needed. */
function isPixelCopy(src: Rect, dst: Rect): boolean {
  return src.w === dst.w && src.h === dst.h && Number.isInteger(src.x) && Number.isInteger(src.y);
}

/** The `src` rectangle (whole pixels) as RGBA, alpha 255 where the image has none. */
function copyRect(image: PixelBuffer, src: Rect): Uint8Array {
  const { width, channels, data } = image;
  const out = new Uint8Array(src.w * src.h * 4);
  for (let y = 0; y < src.h; y++) {
    for (let x = 0; x < src.w; x++) {
      const from = ((src.y + y) * width + src.x + x) * channels;
      const to = (y * src.w + x) * 4;
      for (let c = 0; c < 4; c++) out[to + c] = c < channels ? data[from + c] : 255;
    }
  }
  return out;
}

/**
 * Resamples the `src` rectangle of an image to outW x outH RGBA (`outChannels` 4), or RGB (3: the real-world
 * detector's input, which has no use for alpha and so skips a quarter of the work). Hot on every real-world
 * caption (a 640x480 frame to the detector's square, then each region's crop), so the taps are flat typed arrays
 * and the passes run without per-pixel branches; the sums keep PIL's order (tap by tap, from zero) so the bytes
 * match the plain formulation exactly, RGB equal to RGBA's first three channels.
 */
export function resample(
  image: PixelBuffer,
  src: Rect,
  outW: number,
  outH: number,
  outChannels: 3 | 4 = 4,
): Uint8Array {
  const { width, channels, data } = image;
  const rowsIn = Math.ceil(src.y + src.h) - Math.floor(src.y);
  const y0 = Math.floor(src.y);
  const withAlpha = outChannels === 4;
  // horizontal pass over the rows the source rectangle touches
  const x = taps(src.x, src.w, outW, Math.floor(src.x), Math.min(image.width, Math.ceil(src.x + src.w)));
  const horizontal = new Uint8Array(rowsIn * outW * outChannels);
  const { count, first, weights, stride } = x; // locals: the loop below runs once per output pixel
  for (let r = 0; r < rowsIn; r++) {
    const rowStart = (y0 + r) * width * channels;
    let to = r * outW * outChannels;
    for (let ox = 0; ox < outW; ox++, to += outChannels) {
      const n = count[ox];
      const w0 = ox * stride;
      let from = rowStart + first[ox] * channels;
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (let j = 0; j < n; j++, from += channels) {
        const weight = weights[w0 + j];
        red += weight * data[from];
        green += weight * data[from + 1];
        blue += weight * data[from + 2];
        if (withAlpha) alpha += weight * (channels === 4 ? data[from + 3] : 255);
      }
      horizontal[to] = clampByte(red);
      horizontal[to + 1] = clampByte(green);
      horizontal[to + 2] = clampByte(blue);
      if (withAlpha) horizontal[to + 3] = clampByte(alpha);
    }
  }
  // vertical pass: whole rows at a time, one accumulator per output byte
  const y = taps(src.y - y0, src.h, outH, 0, rowsIn);
  const rowLength = outW * outChannels;
  const out = new Uint8Array(rowLength * outH);
  const acc = new Float64Array(rowLength);
  for (let oy = 0; oy < outH; oy++) {
    acc.fill(0);
    const n = y.count[oy];
    for (let j = 0; j < n; j++) {
      const weight = y.weights[oy * y.stride + j];
      const row = (y.first[oy] + j) * rowLength;
      for (let i = 0; i < rowLength; i++) acc[i] += weight * horizontal[row + i];
    }
    const base = oy * rowLength;
    for (let i = 0; i < rowLength; i++) out[base + i] = clampByte(acc[i]);
  }
  return out;
}

/** Per output pixel i: taps first[i] .. first[i] + count[i] - 1 with weights[i * stride + j]. */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  weights: Float64Array;
  stride: number;
}

/**
 * Per output pixel: the first input index and normalised triangle weights (PIL's precompute_coeffs), reading
 * only inputs in [minIndex, maxIndex): PIL resizes the crop, so it never sees pixels outside it.
 */
function taps(start: number, length: number, outSize: number, minIndex: number, maxIndex: number): Taps {
  const scale = length / outSize;
  const support = Math.max(scale, 1);
  const stride = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * stride);
  for (let i = 0; i < outSize; i++) {
    const centre = start + (i + 0.5) * scale;
    const lo = Math.max(minIndex, Math.floor(centre - support + 0.5));
    const hi = Math.min(maxIndex, Math.floor(centre + support + 0.5));
    let total = 0;
    for (let x = lo; x < hi; x++) {
      const w = Math.max(0, 1 - Math.abs((x + 0.5 - centre) / support));
      weights[i * stride + x - lo] = w;
      total += w;
    }
    for (let j = 0; j < hi - lo; j++) weights[i * stride + j] = total > 0 ? weights[i * stride + j] / total : 0;
    first[i] = lo;
    count[i] = Math.max(0, hi - lo);
  }
  return { first, count, weights, stride };
}

function clampByte(value: number): number {
  // floor(value + 0.5) is Math.round for every value in (0, 255), and V8 compiles the truncation to one instruction
  return value <= 0 ? 0 : value >= 255 ? 255 : (value + 0.5) | 0;
}
