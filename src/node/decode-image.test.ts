import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image';

const IMAGES = join(import.meta.dirname, '__fixtures__', 'images');
const read = (name: string) => new Uint8Array(readFileSync(join(IMAGES, name)));
const pixel = (image: ReturnType<typeof decodeImage>, x: number, y: number) =>
  Array.from(image.data.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));

describe('decodeImage', () => {
  it('reads an RGB PNG as RGBA', () => {
    const image = decodeImage(read('wide.png'));
    expect([image.width, image.height, image.channels]).toEqual([48, 32, 4]);
    expect(pixel(image, 10, 10)).toEqual([200, 30, 30, 255]);
  });

  it('reads a JPEG (lossy: colours within a few levels)', () => {
    const image = decodeImage(read('blue.jpg'));
    expect([image.width, image.height]).toEqual([32, 32]);
    const [r, g, b, a] = pixel(image, 16, 16);
    expect(Math.abs(r - 30) + Math.abs(g - 30) + Math.abs(b - 200)).toBeLessThan(12);
    expect(a).toBe(255);
  });

  it('expands 1-bit grey, palette, 16-bit grey and grey+alpha PNGs', () => {
    expect(pixel(decodeImage(read('grey1.png')), 4, 2)).toEqual([255, 255, 255, 255]);
    const palette = decodeImage(read('palette.png'));
    expect(pixel(palette, 0, 0)).toEqual([255, 0, 0, 255]);
    expect(pixel(palette, 1, 0)).toEqual([0, 255, 0, 255]);
    expect(pixel(decodeImage(read('grey16.png')), 1, 1)).toEqual([1, 1, 1, 255]); // 257 / 257
    expect(pixel(decodeImage(read('grey-alpha.png')), 0, 1)).toEqual([100, 100, 100, 50]);
  });

  it('names empty, unsupported and corrupt files', () => {
    expect(() => decodeImage(new Uint8Array(0), 'a.png')).toThrow(
      expect.objectContaining({ name: 'ImageDecodeError', message: 'a.png: file is empty' }),
    );
    const gif = new TextEncoder().encode('GIF89a....');
    expect(() => decodeImage(gif, 'b.gif')).toThrow('b.gif: unsupported format (GIF); use PNG or JPEG');
    expect(() => decodeImage(new TextEncoder().encode('hello'), 'c.txt')).toThrow(
      'c.txt: unsupported format; use PNG or JPEG',
    );
    const png = read('scene-0.png');
    expect(() => decodeImage(png.slice(0, 60), 'cut.png')).toThrow(/^cut\.png: corrupt PNG/);
    const jpg = read('blue.jpg');
    expect(() => decodeImage(jpg.slice(0, 40), 'cut.jpg')).toThrow(/^cut\.jpg: corrupt JPEG/);
  });
});
