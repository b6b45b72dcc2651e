/** Hand-made objects and frames for the caption writer's tests (tests only; pure data). */
import { cellAt } from '../../world/scene';
import type { Box, ColourName, RgbaImage, SeenObject, SizeWord } from './types';

/** The tests' frame: 600x600, so each 3x3 cell is 200 px. */
export const FRAME = { width: 600, height: 600 };

/** A SeenObject with every field given by hand (the cell from the box centre on a 600x600 frame). */
export function seen(
  label: string,
  box: Box,
  o: { colour?: ColourName; size?: SizeWord; hedged?: boolean; notes?: string[]; score?: number } = {},
): SeenObject {
  const cx = (box.x + box.w / 2) / FRAME.width;
  const cy = (box.y + box.h / 2) / FRAME.height;
  return {
    classId: 0,
    label,
    score: o.score ?? (o.hedged ? 0.4 : 0.8),
    box,
    cell: cellAt(cx, cy),
    size: o.size ?? null,
    colour: o.colour ?? null,
    hedged: o.hedged ?? false,
    notes: o.notes ?? [],
    origin: 'glance',
  };
}

/** A frame filled with one colour. */
export function solidFrame(width: number, height: number, rgb: readonly [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  return { width, height, data };
}

/** Paints a box of the frame with one colour (clipped). */
export function paint(image: RgbaImage, box: Box, rgb: readonly [number, number, number]): RgbaImage {
  for (let y = Math.max(0, box.y); y < Math.min(image.height, box.y + box.h); y++) {
    for (let x = Math.max(0, box.x); x < Math.min(image.width, box.x + box.w); x++) {
      image.data.set([rgb[0], rgb[1], rgb[2], 255], (y * image.width + x) * 4);
    }
  }
  return image;
}
