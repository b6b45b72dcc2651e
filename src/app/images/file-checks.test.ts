import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, checkImageFile, readHead, sniffImageFormat } from './file-checks';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

const PNG = bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]);

describe('sniffImageFormat', () => {
  it('recognises the formats by their signatures', () => {
    expect(sniffImageFormat(PNG)).toBe('png');
    expect(sniffImageFormat(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageFormat(bytes('GIF89a'))).toBe('gif');
    expect(sniffImageFormat(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(bytes('BM', [0, 0]))).toBe('bmp');
    expect(sniffImageFormat(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBe('avif');
  });

  it('refuses text, SVG and truncated signatures', () => {
    expect(sniffImageFormat(bytes('hello, this is text'))).toBeNull();
    expect(sniffImageFormat(bytes('<svg xmlns="http'))).toBeNull();
    expect(sniffImageFormat(bytes([0x89], 'PN'))).toBeNull();
    expect(sniffImageFormat(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeNull();
  });
});

describe('checkImageFile', () => {
  it('passes an image', () => {
    expect(checkImageFile({ name: 'a.png', size: 100 }, PNG)).toBeNull();
  });

  it('names the problem: empty, too large, not an image', () => {
    expect(checkImageFile({ name: 'e.png', size: 0 }, new Uint8Array())?.title).toMatch(/empty/);
    const huge = checkImageFile({ name: 'h.png', size: MAX_IMAGE_BYTES + 1 }, PNG);
    expect(huge?.title).toMatch(/too large/);
    expect(huge?.detail).toContain('h.png');
    const text = checkImageFile({ name: 'notes.png', size: 20 }, bytes('just some notes'));
    expect(text?.title).toMatch(/not an image/);
    expect(text?.detail).toContain('notes.png');
  });

  it('sends a video to the Video place instead of calling it unreadable', () => {
    const mp4 = checkImageFile({ name: 'clip.mp4', size: 2000 }, bytes('\0\0\0\x20ftypisom'));
    expect(mp4?.title).toBe('This is a video, not an image.');
    expect(mp4?.detail).toMatch(/clip\.mp4.*Video/);
    const webm = checkImageFile({ name: 'clip.webm', size: 2000 }, new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1]));
    expect(webm?.title).toMatch(/video/);
  });
});

describe('readHead', () => {
  it('reads only the first bytes of a blob', async () => {
    const head = await readHead(new Blob([PNG, new Uint8Array(1000)]));
    expect(head.length).toBe(16);
    expect(sniffImageFormat(head)).toBe('png');
  });
});
