/**
 * MoveNet SinglePose Lightning (pose.onnx) output -> keypoints in frame pixels. The ONNX file holds the whole TF
 * graph including MoveNet's own decode (centre heat map, ArgMax, GatherNd of regressions and offsets), so its
 * output is already [1, 1, 17, 3] rows (y, x, score) with y and x normalised 0..1 over the input square; this
 * module only names them and maps them to the frame. No DOM, no onnxruntime.
 */
import type { InputToFrame } from './centernet-decode';
import type { PoseKeypoint } from './types';

/** The 17 COCO keypoints in MoveNet's output order ("left" is the person's left, as in COCO). */
export const POSE_KEYPOINTS: readonly string[] = Object.freeze([
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
]);

/** MoveNet Lightning's input side. */
export const MOVENET_INPUT = 192;

/**
 * @param output pose.onnx's `keypoints` data, 17 * 3 values (y, x, score).
 * @param toFrame maps input-square pixels (0..inputSize) to frame pixels, e.g. `stretchMapping(personBox, 192)`.
 * @param minScore keypoints below this score are dropped (default 0: all 17 returned).
 */
export function decodeMovenet(
  output: ArrayLike<number>,
  toFrame: InputToFrame,
  minScore = 0,
  inputSize = MOVENET_INPUT,
): PoseKeypoint[] {
  if (output.length !== POSE_KEYPOINTS.length * 3) throw new RangeError(`expected 51 values, got ${output.length}`);
  const out: PoseKeypoint[] = [];
  POSE_KEYPOINTS.forEach((name, k) => {
    const score = output[3 * k + 2];
    if (score < minScore) return;
    out.push({
      name,
      x: output[3 * k + 1] * inputSize * toFrame.scaleX + toFrame.offsetX,
      y: output[3 * k] * inputSize * toFrame.scaleY + toFrame.offsetY,
      score,
    });
  });
  return out;
}
