/**
 * hand.onnx (MediaPipe Hands landmark model, lite) output -> a HandLook in frame pixels. The model sees one
 * upright 224 px crop (hand-crop.ts) and answers 21 landmarks (x, y in crop pixels, z a relative depth on the
 * same scale), a presence score (sigmoid: a hand is in the crop) and a handedness score (unused: a caption says
 * what a hand does, and the pose already knows which arm it is on). No DOM, no onnxruntime.
 */
import { cropToFrame, type HandCrop } from './hand-crop';
import type { HandLook, HandPoint } from './types';

/** MediaPipe's 21 hand landmarks in the model's output order. */
export const HAND_LANDMARKS: readonly string[] = Object.freeze([
  'wrist',
  'thumb_cmc',
  'thumb_mcp',
  'thumb_ip',
  'thumb_tip',
  'index_mcp',
  'index_pip',
  'index_dip',
  'index_tip',
  'middle_mcp',
  'middle_pip',
  'middle_dip',
  'middle_tip',
  'ring_mcp',
  'ring_pip',
  'ring_dip',
  'ring_tip',
  'pinky_mcp',
  'pinky_pip',
  'pinky_dip',
  'pinky_tip',
]);

/** The hand model's input side (its own). */
export const HAND_INPUT = 224;

/**
 * @param landmarks hand.onnx's `landmarks` data, 63 values (x, y, z per landmark, crop pixels).
 * @param presence hand.onnx's `presence` value, 0..1.
 */
export function decodeHand(
  landmarks: ArrayLike<number>,
  presence: number,
  crop: HandCrop,
  side: HandLook['side'],
  inputSize = HAND_INPUT,
): HandLook {
  if (landmarks.length !== HAND_LANDMARKS.length * 3)
    throw new RangeError(`expected 63 values, got ${landmarks.length}`);
  const scale = crop.side / inputSize;
  const points: HandPoint[] = HAND_LANDMARKS.map((_, k) => {
    const { x, y } = cropToFrame(crop, inputSize, landmarks[3 * k], landmarks[3 * k + 1]);
    return { x, y, z: landmarks[3 * k + 2] * scale };
  });
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const box = { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
  return { side, presence, landmarks: points, box, crop };
}
