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

/** Resamples the `src` rectangle of an image to outW x outH RGBA. */
export function resample(image: PixelBuffer, src: Rect, outW: number, outH: number): Uint8Array {
  const { width, channels, data } = image;
  const rowsIn = Math.ceil(src.y + src.h) - Math.floor(src.y);
  const y0 = Math.floor(src.y);
  // horizontal pass over the rows the source rectangle touches
  const xTaps = taps(src.x, src.w, outW, Math.floor(src.x), Math.min(image.width, Math.ceil(src.x + src.w)));
  const horizontal = new Uint8Array(rowsIn * outW * 4);
  for (let r = 0; r < rowsIn; r++) {
    const rowStart = (y0 + r) * width * channels;
    for (let ox = 0; ox < outW; ox++) {
      const { first, weights } = xTaps[ox];
      for (let c = 0; c < 4; c++) {
        let acc = 0;
        for (let j = 0; j < weights.length; j++) {
          acc += weights[j] * (c < channels ? data[rowStart + (first + j) * channels + c] : 255);
        }
        horizontal[(r * outW + ox) * 4 + c] = clampByte(acc);
      }
    }
  }
  // vertical pass
  const yTaps = taps(src.y - y0, src.h, outH, 0, rowsIn);
  const out = new Uint8Array(outW * outH * 4);
  for (let oy = 0; oy < outH; oy++) {
    const { first, weights } = yTaps[oy];
    for (let i = 0; i < outW * 4; i++) {
      let acc = 0;
      for (let j = 0; j < weights.length; j++) acc += weights[j] * horizontal[(first + j) * outW * 4 + i];
      out[oy * outW * 4 + i] = clampByte(acc);
    }
  }
  return out;
}

/**
 * Per output pixel: the first input index and normalised triangle weights (PIL's precompute_coeffs), reading
 * only inputs in [minIndex, maxIndex): PIL resizes the crop, so it never sees pixels outside it.
 */
function taps(
  start: number,
  length: number,
  outSize: number,
  minIndex: number,
  maxIndex: number,
): { first: number; weights: number[] }[] {
  const scale = length / outSize;
  const support = Math.max(scale, 1);
  return Array.from({ length: outSize }, (_, i) => {
    const centre = start + (i + 0.5) * scale;
    const lo = Math.max(minIndex, Math.floor(centre - support + 0.5));
    const hi = Math.min(maxIndex, Math.floor(centre + support + 0.5));
    const weights: number[] = [];
    let total = 0;
    for (let x = lo; x < hi; x++) {
      const w = Math.max(0, 1 - Math.abs((x + 0.5 - centre) / support));
      weights.push(w);
      total += w;
    }
    return { first: lo, weights: weights.map((w) => (total > 0 ? w / total : 0)) };
  });
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}
