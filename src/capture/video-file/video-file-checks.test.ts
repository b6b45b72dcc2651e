import { describe, expect, it } from 'vitest';
import { checkVideoFile, sniffVideoContainer, VIDEO_SNIFF_BYTES } from './video-file-checks';

const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p));
  return Uint8Array.from(out);
};
const file = (size = 1000) => ({ name: 'clip.mp4', size });

describe('sniffVideoContainer', () => {
  it('tells the containers apart by their first bytes', () => {
    expect(sniffVideoContainer(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toBe('mp4');
    expect(sniffVideoContainer(bytes([0, 0, 0, 0x14], 'ftypqt  '))).toBe('mp4');
    expect(sniffVideoContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]))).toBe('webm');
    expect(sniffVideoContainer(bytes('OggS', [0, 2]))).toBe('ogg');
    expect(sniffVideoContainer(bytes('RIFF', [1, 2, 3, 4], 'AVI LIST'))).toBe('avi');
    expect(sniffVideoContainer(bytes('FLV', [1, 5]))).toBe('flv');
    expect(sniffVideoContainer(bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6]))).toBe('asf');
  });

  it('reads MPEG-TS only from two packets of sync bytes, which needs the sniffed length', () => {
    const ts = new Uint8Array(VIDEO_SNIFF_BYTES);
    ts[0] = 0x47;
    ts[188] = 0x47;
    expect(sniffVideoContainer(ts)).toBe('mpeg-ts');
    ts[188] = 0;
    expect(sniffVideoContainer(ts)).toBeNull();
  });

  it('knows images, including the ISO-box ones (AVIF, HEIC) that share MP4 structure', () => {
    expect(sniffVideoContainer(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image');
    expect(sniffVideoContainer(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image');
    expect(sniffVideoContainer(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBe('image');
    expect(sniffVideoContainer(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('image');
    expect(sniffVideoContainer(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image');
  });

  it('says null for anything else', () => {
    expect(sniffVideoContainer(bytes('hello world, not a video'))).toBeNull();
    expect(sniffVideoContainer(new Uint8Array(0))).toBeNull();
  });
});

describe('checkVideoFile', () => {
  it('passes a container browsers play', () => {
    expect(checkVideoFile(file(), bytes([0, 0, 0, 0x20], 'ftypisom'))).toBeNull();
    expect(checkVideoFile(file(), bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBeNull();
  });

  it('refuses an empty file, an image, AVI and unknown bytes with different problems', () => {
    expect(checkVideoFile(file(0), new Uint8Array(0))?.problem).toBe('empty');
    expect(checkVideoFile(file(), bytes([0xff, 0xd8, 0xff]))?.problem).toBe('image');
    const avi = checkVideoFile({ name: 'walk.avi', size: 10 }, bytes('RIFF', [1, 2, 3, 4], 'AVI '));
    expect(avi?.problem).toBe('unsupported');
    expect(avi?.title).toContain('AVI');
    expect(avi?.detail).toMatch(/MP4.*WebM/);
    expect(checkVideoFile(file(), bytes('garbage garbage!'))?.problem).toBe('not-a-video');
  });
});
