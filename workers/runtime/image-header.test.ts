import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { orientedSize, readImageHeader } from './image-header';

const bytesOf = (b64: string) => Uint8Array.from(Buffer.from(b64, 'base64'));

function jpegOf(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4).fill(200);
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

/** A big-endian ('MM') EXIF APP1 segment holding only the orientation tag. */
function exifApp1(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = body.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

/** Inserts `segment` right after a JPEG's SOI marker, where cameras put EXIF. */
function withSegment(file: Uint8Array, segment: Uint8Array): Uint8Array {
  return Uint8Array.from([...file.subarray(0, 2), ...segment, ...file.subarray(2)]);
}

describe('readImageHeader', () => {
  it('reads PNG sizes from IHDR', () => {
    const png = encodePng({ width: 70, height: 45, data: new Uint8Array(70 * 45 * 3), channels: 3 });
    expect(readImageHeader(png)).toEqual({ format: 'png', width: 70, height: 45, orientation: 1 });
  });

  it('reads JPEG sizes from the frame header, and EXIF orientation placed before it', () => {
    const plain = jpegOf(40, 24);
    expect(readImageHeader(plain)).toEqual({ format: 'jpeg', width: 40, height: 24, orientation: 1 });
    const rotated = withSegment(plain, exifApp1(6));
    const header = readImageHeader(rotated)!;
    expect(header).toEqual({ format: 'jpeg', width: 40, height: 24, orientation: 6 });
    expect(orientedSize(header)).toEqual({ width: 24, height: 40 });
    expect(orientedSize(readImageHeader(withSegment(plain, exifApp1(3)))!)).toEqual({ width: 40, height: 24 });
  });

  it('reads GIF and BMP headers (little-endian sizes; a BMP may store a negative height)', () => {
    const gif = Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([0x2c, 0x01, 0x11, 0x00]));
    expect(readImageHeader(gif)).toMatchObject({ format: 'gif', width: 300, height: 17 });
    const bmp = new Uint8Array(26);
    bmp.set([0x42, 0x4d]);
    const view = new DataView(bmp.buffer);
    view.setInt32(18, 300, true);
    view.setInt32(22, -17, true);
    expect(readImageHeader(bmp)).toMatchObject({ format: 'bmp', width: 300, height: 17 });
  });

  it('reads the three WebP flavours (files written by PIL, 300 x 17)', () => {
    const lossless = 'UklGRiYAAABXRUJQVlA4TBoAAAAvKwEEAAdQgVQIIAAKmv7HABLC/w==';
    const lossy = 'UklGRkQAAABXRUJQVlA4IDgAAACwBACdASosAREAPm02mUmkIyKhIA==';
    const extended = 'UklGRm4AAABXRUJQVlA4WAoAAAAQAAAAKwEAEAAAQUxQSA8AAAABBw==';
    for (const b64 of [lossless, lossy, extended]) {
      expect(readImageHeader(bytesOf(b64)), b64).toMatchObject({ format: 'webp', width: 300, height: 17 });
    }
  });

  it('gives null for what it cannot size: text, SVG, empty, truncated headers, zero sizes', () => {
    const text = new TextEncoder().encode('meeting notes, not a picture');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const png = encodePng({ width: 5, height: 5, data: new Uint8Array(75), channels: 3 });
    const zeroGif = Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([0, 0, 5, 0]));
    for (const bytes of [text, svg, new Uint8Array(), png.subarray(0, 20), jpegOf(8, 8).subarray(0, 30), zeroGif]) {
      expect(readImageHeader(bytes)).toBeNull();
    }
  });
});
