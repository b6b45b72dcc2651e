import { resizeToSquare, type Rgb } from './photos';

/**
 * What the ONNX file is fed: the photo stretched to the input square, RGB 0..255 (every converted model takes that;
 * face and expression normalise inside).
 */
export function onnxInput(key: string, img: Rgb, size: number): Float32Array {
  const rgb = resizeToSquare(img, size);
  return key === 'pose' ? rgb.map(Math.round) : rgb;
}

/**
 * Parity-run inputs per model for TF.js, built from a real photo the way the captioner will feed it (and the way
 * @vladmandic/human feeds the TF.js model): the whole photo stretched to the input square.
 */
export function preprocess(key: string, img: Rgb, size: number): Float32Array {
  const rgb = resizeToSquare(img, size);
  switch (key) {
    case 'detector':
      return rgb; // 0..255
    case 'pose':
      return rgb.map(Math.round); // TF.js input is int32 0..255
    case 'face':
      return rgb.map((v) => v / 127.5 - 1); // blazeface: -1..1
    case 'hand':
      return rgb.map((v) => v / 255); // handlandmark: 0..1
    case 'expression': {
      // emotion: grayscale (0.2989 R + 0.587 G + 0.114 B) of 0..1 pixels, then (g - 0.5) * 2.
      const g = new Float32Array(size * size);
      for (let i = 0; i < g.length; i++)
        g[i] = ((0.2989 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2]) / 255 - 0.5) * 2;
      return g;
    }
    default:
      throw new Error(`no preprocessing for ${key}`);
  }
}

/**
 * Largest acceptable max|ONNX - TF.js| / max(1, max|TF.js|) per model: both run float32, but TF.js's CPU kernels
 * and onnxruntime sum in different orders (wh values reach hundreds of pixels, so the bound is relative).
 */
export const PARITY_LIMITS: Record<string, number> = {
  detector: 1e-3,
  pose: 1e-3,
  face: 1e-3,
  expression: 1e-4,
  hand: 1e-3,
};
