import type { CaptionInput } from '../caption-types';
import { InvalidInputError } from '../errors';

/** The size of a caption input's pixels ('frame' needs give width and height; a square may omit them). */
export function inputFrameSize(input: CaptionInput): { width: number; height: number; channels: 3 | 4 } {
  const channels = input.channels ?? 4;
  const n = input.pixels.length / channels;
  const width = input.width ?? Math.round(Math.sqrt(n));
  const height = input.height ?? width;
  if (width * height !== n || !(width > 0)) {
    throw new InvalidInputError(`pixels hold ${n} pixels, not ${width} x ${height}`);
  }
  return { width, height, channels };
}

/**
 * The input's pixels as RGBA (ImageData order): the input itself when it is RGBA already (no copy), RGB widened
 * with alpha 255.
 */
export function inputAsRgba(input: CaptionInput): {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
} {
  const { width, height, channels } = inputFrameSize(input);
  if (channels === 4) return { width, height, data: input.pixels };
  const n = width * height;
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++)
    data.set([input.pixels[i * 3], input.pixels[i * 3 + 1], input.pixels[i * 3 + 2], 255], i * 4);
  return { width, height, data };
}
