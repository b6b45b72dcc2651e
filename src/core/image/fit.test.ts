import { describe, expect, it } from 'vitest';
import { fitGeometry, frameToSquare, squareToFrame } from './fit';

describe('fitGeometry', () => {
  it('centre-crops a landscape frame to its middle square', () => {
    const g = fitGeometry(640, 480, 256, 'center-crop');
    expect(g.src).toEqual({ x: 80, y: 0, w: 480, h: 480 });
    expect(g.dst).toEqual({ x: 0, y: 0, w: 256, h: 256 });
  });

  it('puts the odd pixel of a margin on the far side (floor, as the training code)', () => {
    expect(fitGeometry(483, 480, 256, 'center-crop').src.x).toBe(1);
    expect(fitGeometry(300, 301, 256, 'center-crop').src).toEqual({ x: 0, y: 0, w: 300, h: 300 });
  });

  it('letterboxes into a centred whole-pixel rectangle', () => {
    expect(fitGeometry(640, 480, 256, 'letterbox').dst).toEqual({ x: 0, y: 32, w: 256, h: 192 });
    // 300x600 -> 128x256, centred horizontally
    expect(fitGeometry(300, 600, 256, 'letterbox').dst).toEqual({ x: 64, y: 0, w: 128, h: 256 });
    // 1000x10 -> 256x2.56 rounds to 3 rows, at floor((256-3)/2)
    expect(fitGeometry(1000, 10, 256, 'letterbox').dst).toEqual({ x: 0, y: 126, w: 256, h: 3 });
  });

  it('rejects an empty frame', () => {
    expect(() => fitGeometry(0, 10, 256, 'letterbox')).toThrow(/empty/);
  });
});

describe('squareToFrame', () => {
  it('maps a centre-crop box back by offset and scale (480/256 = 1.875)', () => {
    const g = fitGeometry(640, 480, 256, 'center-crop');
    expect(squareToFrame(g, { x: 64, y: 0, w: 64, h: 64 })).toEqual({ x: 200, y: 0, w: 120, h: 120 });
    expect(squareToFrame(g, { x: 192, y: 192, w: 64, h: 64 })).toEqual({ x: 440, y: 360, w: 120, h: 120 });
  });

  it('maps a letterbox box back and clips the bar part away (640/256 = 2.5)', () => {
    const g = fitGeometry(640, 480, 256, 'letterbox');
    // the box covers rows 0..64 of the square; the picture starts at row 32
    expect(squareToFrame(g, { x: 0, y: 0, w: 64, h: 64 })).toEqual({ x: 0, y: 0, w: 160, h: 80 });
    expect(squareToFrame(g, { x: 96, y: 96, w: 64, h: 64 })).toEqual({ x: 240, y: 160, w: 160, h: 160 });
  });

  it('gives an empty box for a region entirely inside the bars', () => {
    const g = fitGeometry(300, 600, 256, 'letterbox');
    const box = squareToFrame(g, { x: 192, y: 0, w: 64, h: 64 });
    expect(box.w).toBe(0);
    expect(box.x).toBe(300);
  });

  it('is the inverse of frameToSquare inside the picture', () => {
    for (const mode of ['center-crop', 'letterbox'] as const) {
      const g = fitGeometry(333, 517, 256, mode);
      const inside = mode === 'letterbox' ? { x: 100, y: 200 } : { x: 100, y: 250 };
      const p = frameToSquare(g, inside.x, inside.y);
      const back = squareToFrame(g, { x: p.x, y: p.y, w: 0, h: 0 });
      expect(back.x).toBeCloseTo(inside.x, 9);
      expect(back.y).toBeCloseTo(inside.y, 9);
    }
  });
});
