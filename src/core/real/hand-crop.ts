/**
 * Where the second look shows the hand model a hand: a rotated square placed from MoveNet's elbow and wrist (the
 * way MediaPipe derives a hand region from a body pose), cropped from the full-resolution frame with the forearm
 * pointing up, as the hand model was trained (MediaPipe rotates its hand crops so the fingers point up).
 */
import { HAND_CROP_FOREARM, HAND_CROP_MIN_SHOULDER, HAND_CROP_OFFSET, HAND_MIN_CROP_PX } from './constants';
import { keypoint } from './keypoints';
import type { HandLook, PoseKeypoint, RgbaImage } from './types';

/** A rotated square in frame px: centre, side, and the angle (radians) the crop is turned by (0: upright). */
export type HandCrop = HandLook['crop'];

/**
 * The hand crop of one arm, or null when its elbow or wrist is unsure or the crop would be too small. `angle` is
 * the forearm's direction measured from straight up, clockwise in image coordinates (y down).
 */
export function handCrop(keypoints: readonly PoseKeypoint[], arm: 'left' | 'right'): HandCrop | null {
  const wrist = keypoint(keypoints, `${arm}_wrist`);
  const elbow = keypoint(keypoints, `${arm}_elbow`);
  if (!wrist || !elbow) return null;
  const dx = wrist.x - elbow.x;
  const dy = wrist.y - elbow.y;
  const forearm = Math.hypot(dx, dy);
  if (forearm === 0) return null;
  const ls = keypoint(keypoints, 'left_shoulder');
  const rs = keypoint(keypoints, 'right_shoulder');
  const shoulders = ls && rs ? Math.hypot(ls.x - rs.x, ls.y - rs.y) : 0;
  const side = Math.max(HAND_CROP_FOREARM * forearm, HAND_CROP_MIN_SHOULDER * shoulders);
  if (side < HAND_MIN_CROP_PX) return null;
  return {
    cx: wrist.x + HAND_CROP_OFFSET * dx,
    cy: wrist.y + HAND_CROP_OFFSET * dy,
    side,
    angle: Math.atan2(dx, -dy),
  };
}

/** The crop's axes in frame px per crop px: u to the crop's right, v to its bottom (fingers up means -v). */
function axes(crop: HandCrop, size: number) {
  const s = crop.side / size;
  const [c, n] = [Math.cos(crop.angle), Math.sin(crop.angle)];
  // angle 0: u = (1, 0), v = (0, 1); turning the crop by `angle` turns both axes with it.
  return { ux: c * s, uy: n * s, vx: -n * s, vy: c * s };
}

/** Crop pixel (u, v) (may be fractional, 0..size) -> frame px. */
export function cropToFrame(crop: HandCrop, size: number, u: number, v: number): { x: number; y: number } {
  const a = axes(crop, size);
  const [p, q] = [u - size / 2, v - size / 2];
  return { x: crop.cx + p * a.ux + q * a.vx, y: crop.cy + p * a.uy + q * a.vy };
}

/** The crop as NHWC float32 RGB 0..255, bilinear, black outside the frame (as MediaPipe pads a hand crop). */
export function sampleHandCrop(frame: RgbaImage, crop: HandCrop, size: number): Float32Array {
  const out = new Float32Array(size * size * 3);
  const { width, height, data } = frame;
  const a = axes(crop, size);
  // Frame position of crop pixel centre (0.5, 0.5), minus half a pixel (sample at pixel centres); then steps.
  const h = 0.5 - size / 2;
  const x00 = crop.cx + h * a.ux + h * a.vx - 0.5;
  const y00 = crop.cy + h * a.uy + h * a.vy - 0.5;
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const fx = x00 + u * a.ux + v * a.vx;
      const fy = y00 + u * a.uy + v * a.vy;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const ax = fx - x0;
      const ay = fy - y0;
      const o = (v * size + u) * 3;
      for (let k = 0; k < 4; k++) {
        const px = x0 + (k & 1);
        const py = y0 + (k >> 1);
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const w = (k & 1 ? ax : 1 - ax) * (k >> 1 ? ay : 1 - ay);
        const i = (py * width + px) * 4;
        out[o] += w * data[i];
        out[o + 1] += w * data[i + 1];
        out[o + 2] += w * data[i + 2];
      }
    }
  }
  return out;
}
