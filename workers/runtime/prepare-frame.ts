/**
 * Turns any frame the UI sends (ImageBitmap, VideoFrame, ImageData, image file Blob) into the RGBA model square
 * plus the geometry that maps region boxes back into the frame. Runs in the worker with OffscreenCanvas.
 */
import type { FitMode } from '../../src/core/bundle/config';
import { ImageDecodeError } from '../../src/core/errors';
import { type FitGeometry, fitGeometry } from '../../src/core/image/fit';
import { HEADER_BYTES, orientedSize, readImageHeader } from './image-header';
import { TAIL_BYTES, undecodableReason } from './undecodable';
import { videoFramePixels } from './video-frame-pixels';
import type { FrameInput } from './wire';

/**
 * Longest side an image file is decoded at. Larger files are downscaled by the decoder, so a 12,000 x 12,000
 * photo never becomes a 576 MB bitmap; 4096 is still 4x more than a square model of 1024 px could use.
 */
export const MAX_DECODE_SIDE = 4096;

/**
 * Bitmap options matching training/preprocess.py (PIL): EXIF orientation applied, embedded colour profiles and
 * gamma ignored (PIL does not convert them), straight alpha.
 */
const BITMAP_OPTIONS: ImageBitmapOptions = {
  imageOrientation: 'from-image',
  colorSpaceConversion: 'none',
  premultiplyAlpha: 'none',
};

/** A frame, decoded, with its size after orientation (`width` x `height`) and the size it was decoded at. */
interface DecodedFrame {
  source: ImageBitmap | VideoFrame;
  width: number;
  height: number;
  decodedWidth: number;
  decodedHeight: number;
  /** Frees what this step created (the caller's frame is closed separately). */
  dispose(): void;
}

export interface PreparedFrame {
  pixels: Uint8ClampedArray;
  /** Size of `pixels`: the model square, or the whole frame (downscaled to fit `maxSide`). */
  pixelWidth: number;
  pixelHeight: number;
  geometry: FitGeometry;
  width: number;
  height: number;
  decodedWidth: number;
  decodedHeight: number;
}

/** Decodes and fits one frame. Does not close `frame` (the caller does, on every path). */
export async function prepareFrame(
  frame: FrameInput,
  size: number,
  mode: FitMode,
  fill: readonly [number, number, number],
): Promise<PreparedFrame> {
  const decoded = await decodeFrame(frame);
  try {
    const geometry = fitGeometry(decoded.width, decoded.height, size, mode);
    const pixels = drawSquare(decoded, geometry, fill);
    const { width, height, decodedWidth, decodedHeight } = decoded;
    return { pixels, pixelWidth: size, pixelHeight: size, geometry, width, height, decodedWidth, decodedHeight };
  } finally {
    decoded.dispose();
  }
}

/**
 * Decodes a frame and reads it whole, downscaled only when its longer side exceeds `maxSide` (the real-world
 * captioner crops it at full resolution). `geometry` is the letterbox of the frame into a `glanceSize` square.
 */
export async function prepareWholeFrame(
  frame: FrameInput,
  maxSide: number,
  glanceSize: number,
): Promise<PreparedFrame> {
  const decoded = await decodeFrame(frame);
  try {
    const { width, height, decodedWidth, decodedHeight } = decoded;
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const pixelWidth = Math.max(1, Math.round(width * scale));
    const pixelHeight = Math.max(1, Math.round(height * scale));
    const full = { x: 0, y: 0, w: width, h: height };
    const pixels = drawRect(decoded, full, pixelWidth, pixelHeight, { x: 0, y: 0, w: pixelWidth, h: pixelHeight });
    const geometry = fitGeometry(width, height, glanceSize, 'letterbox');
    return { pixels, pixelWidth, pixelHeight, geometry, width, height, decodedWidth, decodedHeight };
  } finally {
    decoded.dispose();
  }
}

async function decodeFrame(frame: FrameInput): Promise<DecodedFrame> {
  if (typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame) {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    if (!(width > 0 && height > 0)) throw new ImageDecodeError('the video frame is empty (0 x 0)');
    // Copied, not drawn: a drawn VideoFrame stays in Chromium's image cache (video-frame-pixels.ts).
    const pixels = await videoFramePixels(frame);
    if (pixels) return asDecoded(await createImageBitmap(pixels, BITMAP_OPTIONS), width, height, true);
    return { source: frame, width, height, decodedWidth: width, decodedHeight: height, dispose: () => undefined };
  }
  if (frame instanceof ImageBitmap) {
    if (!(frame.width > 0 && frame.height > 0)) throw new ImageDecodeError('the bitmap is empty or already closed');
    return asDecoded(frame, frame.width, frame.height, false);
  }
  if (frame instanceof ImageData) {
    if (!(frame.width > 0 && frame.height > 0)) throw new ImageDecodeError('the ImageData is empty');
    const bitmap = await createImageBitmap(frame, BITMAP_OPTIONS);
    return asDecoded(bitmap, frame.width, frame.height, true);
  }
  if (frame instanceof Blob) return decodeBlob(frame);
  throw new ImageDecodeError(`cannot caption a ${Object.prototype.toString.call(frame)}`);
}

async function decodeBlob(blob: Blob): Promise<DecodedFrame> {
  if (blob.size === 0) throw new ImageDecodeError('the file is empty');
  const head = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  const header = readImageHeader(head);
  const options: ImageBitmapOptions = { ...BITMAP_OPTIONS };
  const stated = header ? orientedSize(header) : null;
  if (stated && Math.max(stated.width, stated.height) > MAX_DECODE_SIDE) {
    const scale = MAX_DECODE_SIDE / Math.max(stated.width, stated.height);
    options.resizeWidth = Math.max(1, Math.round(stated.width * scale));
    options.resizeHeight = Math.max(1, Math.round(stated.height * scale));
    options.resizeQuality = 'high';
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, options);
  } catch (error) {
    const tail = new Uint8Array(await blob.slice(-TAIL_BYTES).arrayBuffer());
    const detail = (error as Error).message ?? String(error);
    throw new ImageDecodeError(undecodableReason(head, tail, header, blob.type, detail));
  }
  if (!(bitmap.width > 0 && bitmap.height > 0)) {
    bitmap.close();
    throw new ImageDecodeError('the image decoded to 0 x 0 pixels');
  }
  // Without a downscale the decoder's size is the truth (a header can lie); with one, the header's.
  const resized = options.resizeWidth !== undefined && stated !== null;
  return asDecoded(bitmap, resized ? stated.width : bitmap.width, resized ? stated.height : bitmap.height, true);
}

function asDecoded(bitmap: ImageBitmap, width: number, height: number, owned: boolean): DecodedFrame {
  return {
    source: bitmap,
    width,
    height,
    decodedWidth: bitmap.width,
    decodedHeight: bitmap.height,
    dispose: () => {
      if (owned) bitmap.close();
    },
  };
}

let canvas: OffscreenCanvas | null = null;

/** Draws the geometry's source rectangle (scaled to the decoded size) into a size x size square over the fill. */
function drawSquare(
  decoded: DecodedFrame,
  geometry: FitGeometry,
  fill: readonly [number, number, number],
): Uint8ClampedArray {
  const { size, src, dst } = geometry;
  return drawRect(decoded, src, size, size, dst, fill);
}

/** Draws `src` (frame pixels, scaled to the decoded size) into `dst` of a width x height canvas over the fill. */
function drawRect(
  decoded: DecodedFrame,
  src: FitGeometry['src'],
  width: number,
  height: number,
  dst: FitGeometry['dst'],
  fill: readonly [number, number, number] = [0, 0, 0],
): Uint8ClampedArray {
  if (!canvas || canvas.width !== width || canvas.height !== height) canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false });
  if (!ctx) throw new ImageDecodeError('OffscreenCanvas 2D is unavailable in this worker');
  ctx.globalCompositeOperation = 'copy';
  ctx.fillStyle = `rgb(${fill[0]}, ${fill[1]}, ${fill[2]})`;
  ctx.fillRect(0, 0, width, height);
  ctx.globalCompositeOperation = 'source-over';
  ctx.imageSmoothingEnabled = true;
  // 'high' filters a large downscale over its whole footprint, as PIL's bilinear resize with a widened support.
  ctx.imageSmoothingQuality = 'high';
  const sx = decoded.decodedWidth / decoded.width;
  const sy = decoded.decodedHeight / decoded.height;
  ctx.drawImage(decoded.source, src.x * sx, src.y * sy, src.w * sx, src.h * sy, dst.x, dst.y, dst.w, dst.h);
  return ctx.getImageData(0, 0, width, height).data;
}
