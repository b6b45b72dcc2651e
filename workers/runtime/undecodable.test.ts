import { describe, expect, it } from 'vitest';
import { readImageHeader } from './image-header';
import { TAIL_BYTES, undecodableReason } from './undecodable';

const text = (s: string) => new TextEncoder().encode(s);
const DECODER = 'The source image could not be decoded.';

/** A PNG signature and IHDR of `width` x `height` (no pixel data). */
function pngHead(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}

/** A JPEG start with a SOF0 of `width` x `height`. */
function jpegHead(width: number, height: number): Uint8Array {
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1]);
}

function reason(head: Uint8Array, tail: Uint8Array, type = '') {
  return undecodableReason(head, tail, readImageHeader(head), type, DECODER);
}

describe('undecodableReason', () => {
  it('names SVG, by type or by content', () => {
    const svg = text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    expect(reason(svg, svg)).toMatch(/^SVG drawings are not supported/);
    const xml = text('\uFEFF<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(reason(xml, xml)).toMatch(/^SVG/);
    expect(reason(text('x'), text('x'), 'image/svg+xml')).toMatch(/^SVG/);
    // XML that is not SVG is just not an image.
    expect(reason(text('<?xml version="1.0"?><note/>'), text(''))).toMatch(/^not an image/);
  });

  it('says a file matching no image format is not an image, with the type it came as', () => {
    expect(reason(text('meeting notes'), text('meeting notes'), 'image/png')).toBe(
      'not an image: its first bytes match no image format (it came as image/png)',
    );
  });

  it('tells a truncated PNG or JPEG (no end marker) from a corrupt one', () => {
    const iend = Uint8Array.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
    expect(reason(pngHead(64, 32), new Uint8Array(TAIL_BYTES).fill(7))).toBe(
      'the PNG file (64 x 32) is truncated: it ends before its IEND chunk',
    );
    expect(reason(pngHead(64, 32), iend)).toBe(`the PNG file (64 x 32) is corrupt: ${DECODER}`);
    expect(reason(jpegHead(40, 24), Uint8Array.from([1, 2, 3]))).toMatch(/^the JPEG file \(40 x 24\) is truncated/);
    expect(reason(jpegHead(40, 24), Uint8Array.from([1, 0xff, 0xd9, 0, 0]))).toMatch(
      /^the JPEG file \(40 x 24\) is corrupt/,
    );
  });
});
