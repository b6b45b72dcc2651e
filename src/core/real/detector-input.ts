/**
 * The detector's input squares: the whole frame letterboxed (the glance) and a region of it (a second look),
 * both as NHWC float32 in 0..255 (the TF.js models' convention, kept by the ONNX conversion), with the mapping
 * from input pixels back to frame pixels.
 */
import { resample } from '../image/resize';
import type { Box, RgbaImage } from './types';

/** Input pixel (u, v) is frame pixel (x0 + (u - padX) / scale, y0 + (v - padY) / scale). */
export interface InputMapping {
  scale: number;
  x0: number;
  y0: number;
  /** Letterbox bar on the left / top, input pixels (the content is centred, as fitGeometry's letterbox). */
  padX: number;
  padY: number;
}

/** A square detector input and where it came from. */
export interface DetectorInput {
  size: number;
  /** size * size * 3 floats, NHWC, 0..255. */
  data: Float32Array;
  toFrame: InputMapping;
}

/** Grey of the letterbox bars: neutral for a detector trained on photos (no object is that flat). */
const FILL = 114;

/**
 * `box` of the frame (clipped to it) scaled to fit a size x size square, centred (as fitGeometry's letterbox,
 * so the glance's heat map lies where the UI draws it), the rest grey. The whole frame for the glance, a region
 * for a second look.
 */
export function squareInput(frame: RgbaImage, box: Box, size: number): DetectorInput {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.max(1, Math.min(frame.width, Math.ceil(box.x + box.w)) - x);
  const h = Math.max(1, Math.min(frame.height, Math.ceil(box.y + box.h)) - y);
  const scale = size / Math.max(w, h);
  const outW = Math.max(1, Math.min(size, Math.round(w * scale)));
  const outH = Math.max(1, Math.min(size, Math.round(h * scale)));
  const rgb = resample(
    { data: frame.data, width: frame.width, height: frame.height, channels: 4 },
    { x, y, w, h },
    outW,
    outH,
    3,
  );
  const padX = Math.floor((size - outW) / 2);
  const padY = Math.floor((size - outH) / 2);
  const data = new Float32Array(size * size * 3).fill(FILL);
  // Row by row: a typed-array set converts the bytes to floats without a loop per value.
  for (let v = 0; v < outH; v++)
    data.set(rgb.subarray(v * outW * 3, (v + 1) * outW * 3), ((v + padY) * size + padX) * 3);
  return { size, data, toFrame: { scale: outW / w, x0: x, y0: y, padX, padY } };
}

/** Maps a box in input pixels to frame pixels. */
export function boxToFrame(b: Box, m: InputMapping): Box {
  return { x: m.x0 + (b.x - m.padX) / m.scale, y: m.y0 + (b.y - m.padY) / m.scale, w: b.w / m.scale, h: b.h / m.scale };
}

/** Maps a box in frame pixels to input pixels (the inverse of boxToFrame). */
export function boxToInput(b: Box, m: InputMapping): Box {
  return { x: (b.x - m.x0) * m.scale + m.padX, y: (b.y - m.y0) * m.scale + m.padY, w: b.w * m.scale, h: b.h * m.scale };
}

/** The same mapping in the decoders' form (centernet-decode.ts): frame = input * scale + offset. */
export function decoderMapping(m: InputMapping): { scaleX: number; scaleY: number; offsetX: number; offsetY: number } {
  const s = 1 / m.scale;
  return { scaleX: s, scaleY: s, offsetX: m.x0 - m.padX * s, offsetY: m.y0 - m.padY * s };
}
