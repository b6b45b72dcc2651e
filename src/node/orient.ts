import type { PixelBuffer } from '../core/image/pixels';

/**
 * Turns a decoded image upright per its EXIF orientation (1-8), as browsers do when decoding: 2 mirrors, 3 turns
 * 180 degrees, 4 flips, 5 transposes, 6 turns 90 degrees clockwise, 7 transverses, 8 turns 90 degrees
 * counter-clockwise. Orientations 5-8 swap width and height. 1 (or anything else) returns the image as it is.
 */
export function applyOrientation(image: PixelBuffer, orientation: number): PixelBuffer {
  if (!(orientation >= 2 && orientation <= 8)) return image;
  const { width: w, height: h, channels } = image;
  const swap = orientation >= 5;
  const width = swap ? h : w;
  const height = swap ? w : h;
  // Where output pixel (x, y) comes from in the stored image.
  const source: (x: number, y: number) => [number, number] = {
    2: (x: number, y: number): [number, number] => [w - 1 - x, y],
    3: (x: number, y: number): [number, number] => [w - 1 - x, h - 1 - y],
    4: (x: number, y: number): [number, number] => [x, h - 1 - y],
    5: (x: number, y: number): [number, number] => [y, x],
    6: (x: number, y: number): [number, number] => [y, h - 1 - x],
    7: (x: number, y: number): [number, number] => [w - 1 - y, h - 1 - x],
    8: (x: number, y: number): [number, number] => [w - 1 - y, x],
  }[orientation]!;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = source(x, y);
      const from = (sy * w + sx) * channels;
      data.set(image.data.subarray(from, from + channels), (y * width + x) * channels);
    }
  }
  return { data, width, height, channels };
}
