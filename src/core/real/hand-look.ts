/**
 * The hands of one person the second look read a pose for: for each arm whose elbow and wrist MoveNet sees, the
 * hand model on a crop placed beyond the wrist (hand-crop.ts). Every crop tried is returned with the model's own
 * presence score; describe-hand.ts says something only about the sure ones.
 */
import type { InferenceBackend } from '../backend';
import { handCrop, sampleHandCrop, type HandCrop } from './hand-crop';
import { decodeHand, HAND_INPUT } from './hand-decode';
import { runImagePart } from './run-part';
import type { HandLook, PoseKeypoint, RgbaImage } from './types';

/** Runs hand.onnx on one crop. */
export async function readHand(
  backend: InferenceBackend,
  frame: RgbaImage,
  crop: HandCrop,
  side: HandLook['side'],
): Promise<HandLook> {
  const data = sampleHandCrop(frame, crop, HAND_INPUT);
  const dims = [1, HAND_INPUT, HAND_INPUT, 3];
  const [landmarks, presence] = await runImagePart(backend, 'hand', data, dims, ['landmarks', 'presence']);
  return decodeHand(landmarks, presence[0], crop, side);
}

/** The crops of a pose's two hands (those its keypoints place), at most `max`. */
export function handCrops(keypoints: readonly PoseKeypoint[], max = 2): { side: HandLook['side']; crop: HandCrop }[] {
  return (['left', 'right'] as const)
    .map((side) => ({ side, crop: handCrop(keypoints, side) }))
    .filter((c): c is { side: HandLook['side']; crop: HandCrop } => c.crop !== null)
    .slice(0, max);
}

export async function lookAtHands(
  backend: InferenceBackend,
  frame: RgbaImage,
  keypoints: readonly PoseKeypoint[],
  max = 2,
): Promise<HandLook[]> {
  const out: HandLook[] = [];
  for (const { side, crop } of handCrops(keypoints, max)) out.push(await readHand(backend, frame, crop, side));
  return out;
}
