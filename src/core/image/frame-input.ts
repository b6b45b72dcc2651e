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
