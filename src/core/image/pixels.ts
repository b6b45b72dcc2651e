import { InvalidInputError } from '../errors';

/** Interleaved 8-bit pixels, RGBA (4 channels, as ImageData) or RGB (3). Alpha is ignored. */
export interface PixelBuffer {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
}

export function checkPixelBuffer(image: PixelBuffer, what: string): void {
  if (image.channels !== 3 && image.channels !== 4) throw new InvalidInputError(`${what}: channels must be 3 or 4`);
  const expected = image.width * image.height * image.channels;
  if (image.data.length !== expected) {
    throw new InvalidInputError(
      `${what}: ${image.data.length} bytes for ${image.width}x${image.height}x${image.channels} (want ${expected})`,
    );
  }
}

/**
 * Mean of each `factor x factor` block, per RGB channel, as float RGB interleaved (not rounded back to bytes:
 * the protocol's global view is the exact block mean).
 */
export function boxDownsample(
  image: PixelBuffer,
  factor: number,
): { data: Float32Array; width: number; height: number } {
  checkPixelBuffer(image, 'boxDownsample');
  if (!Number.isInteger(factor) || factor < 1 || image.width % factor || image.height % factor) {
    throw new InvalidInputError(`boxDownsample: factor ${factor} does not divide ${image.width}x${image.height}`);
  }
  const { data, width, channels } = image;
  const outW = image.width / factor;
  const outH = image.height / factor;
  const out = new Float32Array(outW * outH * 3);
  const area = factor * factor;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = oy * factor; y < (oy + 1) * factor; y++) {
        let i = (y * width + ox * factor) * channels;
        for (let x = 0; x < factor; x++, i += channels) {
          r += data[i];
          g += data[i + 1];
          b += data[i + 2];
        }
      }
      const o = (oy * outW + ox) * 3;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
    }
  }
  return { data: out, width: outW, height: outH };
}

/**
 * Normalises interleaved pixels (bytes or float 0..255) to planar CHW float32: (v / 255 - mean[c]) / std[c].
 */
export function normalizeToChw(
  data: ArrayLike<number>,
  width: number,
  height: number,
  channels: 3 | 4,
  mean: readonly number[],
  std: readonly number[],
): Float32Array {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const m = mean[c];
    const s = std[c];
    for (let i = 0; i < plane; i++) out[c * plane + i] = (data[i * channels + c] / 255 - m) / s;
  }
  return out;
}

/** A `window x window` crop of a planar CHW image of side `size`, top-left (x0, y0), no resampling. */
export function cropChw(chw: Float32Array, size: number, x0: number, y0: number, window: number): Float32Array {
  if (x0 < 0 || y0 < 0 || x0 + window > size || y0 + window > size || !Number.isInteger(x0) || !Number.isInteger(y0)) {
    throw new InvalidInputError(`cropChw: window ${window} at (${x0}, ${y0}) is outside the ${size}px square`);
  }
  const out = new Float32Array(3 * window * window);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < window; y++) {
      const from = c * size * size + (y0 + y) * size + x0;
      out.set(chw.subarray(from, from + window), c * window * window + y * window);
    }
  }
  return out;
}
