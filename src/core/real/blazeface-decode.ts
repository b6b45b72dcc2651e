/**
 * BlazeFace (face.onnx, MediaPipe's back-camera model at 256x256) anchor decode in plain TypeScript, as
 * @vladmandic/human 3.3.6 does it (src/face/blazeface.ts, facemeshutil.generateAnchors):
 *
 *   anchors  16x16 grid (stride 16) x 2, then 8x8 grid (stride 32) x 6; centre = stride * (cell + 0.5)
 *   regress  [dx, dy, w, h, 6 x (kx, ky)] in input pixels: centre = anchor + (dx, dy), box = centre -/+ (w, h) / 2,
 *            keypoint = anchor + (kx, ky) (eyes, nose, mouth, ears)
 *   score    sigmoid(logit)
 *
 * then score threshold and NMS. No DOM, no onnxruntime.
 */
import { iou, type InputToFrame } from './centernet-decode';
import type { Box, Expression } from './types';

export const BLAZEFACE_INPUT = 256;

/** One face: box and the six landmarks (right eye, left eye, nose, mouth, right ear, left ear), frame pixels. */
export interface FaceDetection {
  box: Box;
  score: number;
  landmarks: { x: number; y: number }[];
}

/** face.onnx's four outputs, as flat arrays. */
export interface BlazefaceRaw {
  logits16: ArrayLike<number>;
  boxes16: ArrayLike<number>;
  logits32: ArrayLike<number>;
  boxes32: ArrayLike<number>;
}

export interface BlazefaceOptions {
  /** Minimum face score (default 0.5). */
  threshold?: number;
  /** NMS IoU (default 0.3). */
  nmsIou?: number;
  /** At most this many faces (default 10). */
  maxFaces?: number;
}

const LEVELS = [
  { stride: 16, perCell: 2, key: '16' },
  { stride: 32, perCell: 6, key: '32' },
] as const;

/** Anchor centres in input pixels, in output order (512 then 384 for a 256 input). */
export function blazefaceAnchors(inputSize = BLAZEFACE_INPUT): [number, number][] {
  const anchors: [number, number][] = [];
  for (const { stride, perCell } of LEVELS) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++)
      for (let gx = 0; gx < cells; gx++)
        for (let n = 0; n < perCell; n++) anchors.push([stride * (gx + 0.5), stride * (gy + 0.5)]);
  }
  return anchors;
}

const ANCHORS = blazefaceAnchors();

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, x))));
}

export function decodeBlazeface(
  raw: BlazefaceRaw,
  toFrame: InputToFrame,
  opts: BlazefaceOptions = {},
): FaceDetection[] {
  const threshold = opts.threshold ?? 0.5;
  const nmsIou = opts.nmsIou ?? 0.3;
  const logits = [raw.logits16, raw.logits32];
  const regs = [raw.boxes16, raw.boxes32];
  if (logits[0].length + logits[1].length !== ANCHORS.length)
    throw new RangeError(`expected ${ANCHORS.length} anchors`);
  const fx = (x: number) => x * toFrame.scaleX + toFrame.offsetX;
  const fy = (y: number) => y * toFrame.scaleY + toFrame.offsetY;
  const cands: FaceDetection[] = [];
  let a = 0;
  for (let level = 0; level < 2; level++) {
    const lg = logits[level];
    const rg = regs[level];
    for (let i = 0; i < lg.length; i++, a++) {
      const score = sigmoid(lg[i]);
      if (score < threshold) continue;
      const [ax, ay] = ANCHORS[a];
      const r = i * 16;
      const cx = ax + rg[r];
      const cy = ay + rg[r + 1];
      const w = rg[r + 2];
      const h = rg[r + 3];
      const x1 = fx(cx - w / 2);
      const y1 = fy(cy - h / 2);
      const landmarks = Array.from({ length: 6 }, (_, k) => ({
        x: fx(ax + rg[r + 4 + 2 * k]),
        y: fy(ay + rg[r + 5 + 2 * k]),
      }));
      cands.push({ box: { x: x1, y: y1, w: fx(cx + w / 2) - x1, h: fy(cy + h / 2) - y1 }, score, landmarks });
    }
  }
  cands.sort((p, q) => q.score - p.score);
  const kept: FaceDetection[] = [];
  for (const c of cands) {
    if (kept.length >= (opts.maxFaces ?? 10)) break;
    if (!kept.some((k) => iou(k.box, c.box) > nmsIou)) kept.push(c);
  }
  return kept;
}

/**
 * expression.onnx's output order (oarriaga/face_classification FER-2013 classes, as @vladmandic/human 3.3.6
 * src/gear/emotion.ts lists them for this grey-input model). Same order as the `Expression` type.
 */
export const EXPRESSIONS: readonly Expression[] = Object.freeze([
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
]);

/**
 * Named scores from `probabilities` rows (7 softmax values each): one row, or several views of the same face
 * (crops and their mirror images), averaged.
 */
export function expressionScores(probs: ArrayLike<number>): Record<Expression, number> {
  const n = EXPRESSIONS.length;
  if (probs.length === 0 || probs.length % n !== 0)
    throw new RangeError(`expected rows of 7 probabilities, got ${probs.length} values`);
  const rows = probs.length / n;
  const mean = (i: number) => {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += probs[r * n + i];
    return sum / rows;
  };
  return Object.fromEntries(EXPRESSIONS.map((e, i) => [e, mean(i)])) as Record<Expression, number>;
}
