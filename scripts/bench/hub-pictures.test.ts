import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { HUB_PICTURES, paintPicture, pictureDataUrl, type Picture } from './hub-pictures';

const pixel = (data: ArrayLike<number>, width: number, x: number, y: number) =>
  Array.from({ length: 3 }, (_, c) => data[(y * width + x) * 3 + c]);

describe('hub pictures', () => {
  const tiny: Picture = {
    name: 'tiny',
    width: 4,
    height: 2,
    rects: [
      { x: 0, y: 0, w: 4, h: 2, rgb: [1, 2, 3] },
      { x: 3, y: 1, w: 5, h: 5, rgb: [9, 8, 7] },
    ],
  };

  it('paints the rectangles in order, clipped to the picture', () => {
    const data = paintPicture(tiny);
    expect(data).toHaveLength(4 * 2 * 3);
    expect(pixel(data, 4, 0, 0)).toEqual([1, 2, 3]);
    expect(pixel(data, 4, 3, 1)).toEqual([9, 8, 7]);
    expect(pixel(data, 4, 2, 1)).toEqual([1, 2, 3]);
  });

  it('round-trips through the PNG data URL', () => {
    for (const picture of HUB_PICTURES) {
      const url = pictureDataUrl(picture);
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      const png = decode(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
      expect({ width: png.width, height: png.height, channels: png.channels }).toEqual({
        width: picture.width,
        height: picture.height,
        channels: 3,
      });
      expect(Buffer.from(png.data).equals(Buffer.from(paintPicture(picture)))).toBe(true);
    }
  });

  it('ends every picture with a small square, for the second look', () => {
    for (const picture of HUB_PICTURES) {
      const object = picture.rects.at(-1)!;
      expect(picture.rects.length).toBeGreaterThan(1);
      expect(object.w * object.h).toBeLessThan((picture.width * picture.height) / 16);
    }
  });
});
