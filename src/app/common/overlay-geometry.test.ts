import { describe, expect, it } from 'vitest';
import { fitGeometry } from '../../core/image/fit';
import { heatCells, heatColour, objectFitPlacement, placeRect } from './overlay-geometry';

describe('objectFitPlacement', () => {
  const frame = { width: 640, height: 480 };

  it('contain letterboxes a 4:3 frame in a square box', () => {
    // 400/640 = 0.625 -> 400 x 300, centred vertically: 50 px bars.
    expect(objectFitPlacement('contain', { width: 400, height: 400 }, frame)).toEqual({
      x: 0,
      y: 50,
      sx: 0.625,
      sy: 0.625,
    });
  });

  it('cover crops a 4:3 frame in a square box', () => {
    // 400/480 -> 533.3 x 400, centred horizontally: -66.7 px each side.
    const p = objectFitPlacement('cover', { width: 400, height: 400 }, frame);
    expect(p.sx).toBeCloseTo(400 / 480);
    expect(p.x).toBeCloseTo(-(640 * (400 / 480) - 400) / 2);
    expect(p.y).toBe(0);
  });

  it('fill stretches each axis', () => {
    expect(objectFitPlacement('fill', { width: 320, height: 120 }, frame)).toEqual({ x: 0, y: 0, sx: 0.5, sy: 0.25 });
  });

  it('maps a frame box to displayed pixels', () => {
    const p = objectFitPlacement('contain', { width: 400, height: 400 }, frame);
    expect(placeRect(p, { x: 320, y: 240, w: 64, h: 48 })).toEqual({ x: 200, y: 200, w: 40, h: 30 });
  });
});

describe('heatCells', () => {
  it('maps a centre-cropped grid onto the central square of the frame', () => {
    // 640x480 frame, 96 px model square, 2x2 grid: the crop is x 80..560, each cell 240 frame px.
    const g = fitGeometry(640, 480, 96, 'center-crop');
    const cells = heatCells({ grid: 2, values: [1, 2, 3, 5] }, g);
    // Min-max scaled: the coldest cell is 0, the hottest 1.
    expect(cells.map((c) => c.level)).toEqual([0, 0.25, 0.5, 1]);
    expect(cells[0].rect).toEqual({ x: 80, y: 0, w: 240, h: 240 });
    expect(cells[3].rect).toEqual({ x: 320, y: 240, w: 240, h: 240 });
  });

  it('drops cells that lie on letterbox bars', () => {
    // 200x100 frame letterboxed into 4x4 cells of a 40 px square: content rows 10..30, so rows 0 and 3 are bars.
    const g = fitGeometry(200, 100, 40, 'letterbox');
    const cells = heatCells({ grid: 4, values: Array.from({ length: 16 }, (_, i) => i) }, g);
    expect(cells).toHaveLength(8);
    expect(cells.every((c) => c.rect.y >= 0 && c.rect.y + c.rect.h <= 100)).toBe(true);
  });

  it('gives nothing for a flat grid', () => {
    expect(heatCells({ grid: 2, values: [0, 0, 0, 0] }, fitGeometry(10, 10, 10, 'center-crop'))).toEqual([]);
    expect(heatCells({ grid: 2, values: [0.25, 0.25, 0.25, 0.25] }, fitGeometry(10, 10, 10, 'center-crop'))).toEqual(
      [],
    );
  });
});

describe('heatColour', () => {
  it('is transparent when cold and red, half-opaque, when hot', () => {
    expect(heatColour(0)).toBe('hsla(240, 100%, 50%, 0.000)');
    expect(heatColour(0.5)).toBe('hsla(60, 100%, 50%, 0.250)');
    expect(heatColour(1)).toBe('hsla(0, 100%, 50%, 0.500)');
    expect(heatColour(7)).toBe(heatColour(1));
  });
});
