/** Small pixel-buffer helpers shared by the dataset CLI, tests and the demo camera. */

/** Averages factor x factor blocks: the coarse "global view" the model's first pass sees. */
export function downsampleBox(rgba: Uint8ClampedArray, size: number, factor: number): Uint8ClampedArray {
  const out = size / factor;
  if (!Number.isInteger(out)) throw new Error(`size ${size} is not a multiple of ${factor}`);
  const result = new Uint8ClampedArray(out * out * 4);
  const area = factor * factor;
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let j = 0; j < factor; j++) {
          const row = ((y * factor + j) * size + x * factor) * 4 + c;
          for (let i = 0; i < factor; i++) sum += rgba[row + i * 4];
        }
        result[(y * out + x) * 4 + c] = Math.round(sum / area);
      }
    }
  }
  return result;
}

/** Drops the alpha channel (RGBA -> RGB), e.g. for a 3-channel PNG. */
export function rgbaToRgb(rgba: Uint8ClampedArray): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0, q = 0; p < rgba.length; p += 4, q += 3) {
    rgb[q] = rgba[p];
    rgb[q + 1] = rgba[p + 1];
    rgb[q + 2] = rgba[p + 2];
  }
  return rgb;
}
