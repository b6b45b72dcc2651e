/**
 * Pose, hands, face and expression of the people a look found (issue 14's second look at a person): MoveNet on the
 * person's square, the hand model on crops placed from its wrists and elbows (hand-look.ts), BlazeFace on the
 * head's square, the expression model on the face. What is read here is
 * turned into words by describe-person.ts; age, gender and ethnicity are never read (no such model is run).
 */
import type { InferenceBackend } from '../backend';
import { decodeBlazeface, expressionScores } from './blazeface-decode';
import { decoderMapping, squareInput } from './detector-input';
import { readableFace } from './face-view';
import { EXPRESSION_CROP_GROWTHS, HAND_MIN_CROP_PX, MAX_HANDS_PER_LOOK } from './constants';
import { lookAtHands, readHand } from './hand-look';
import { mirrorNhwc } from './mirror-view';
import { decodeMovenet } from './movenet-decode';
import { runImagePart } from './run-part';
import type { Box, Detection, DetectPartSet, PersonLook, RgbaImage } from './types';

/** At most this many people per look are read (the largest first): each costs a pose, a face and two hand runs. */
export const MAX_PEOPLE_PER_LOOK = 2;
/** A person box under this height (frame px) is too small for a pose or a face to be read. */
export const MIN_PERSON_HEIGHT_PX = 48;
/**
 * The face is looked for only when the head's square (about the person's width) is at least this many frame px:
 * a face is about half of it, and the expression model reads faces at 64 px, so a smaller one would be guessed
 * from a blur upsampled more than twice (a pedestrian 25 px wide has a face of some 10 px). It also saves the face
 * and expression runs on every small person of a live stream.
 */
export const MIN_HEAD_SIDE_PX = 64;
/** Sides of the person parts' inputs (their models' own). */
const POSE_SIZE = 192;
const FACE_SIZE = 256;
const EXPRESSION_SIZE = 64;

export async function lookAtPeople(
  backend: InferenceBackend,
  parts: DetectPartSet,
  frame: RgbaImage,
  detections: readonly Detection[],
  warmBox: Box | null,
): Promise<PersonLook[]> {
  const people = detections
    .filter((d) => d.label === 'person' && d.box.h >= MIN_PERSON_HEIGHT_PX)
    .sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)
    .slice(0, MAX_PEOPLE_PER_LOOK)
    .map((d) => d.box);
  if (warmBox && people.length === 0) people.push(warmBox);
  const looks: PersonLook[] = [];
  let handsLeft = MAX_HANDS_PER_LOOK;
  for (const box of people) {
    const look: PersonLook = { box };
    if (parts.has('pose')) look.keypoints = await readPose(backend, frame, box);
    if (parts.has('hand') && look.keypoints && handsLeft > 0) {
      look.hands = await lookAtHands(backend, frame, look.keypoints, Math.min(2, handsLeft));
      handsLeft -= look.hands.length;
      // The warm-up's grey frame places no hand: run one crop anyway so the part is compiled before 'ready'.
      if (warmBox && look.hands.length === 0) {
        const side = Math.max(HAND_MIN_CROP_PX, Math.min(box.w, box.h) / 2);
        const crop = { cx: box.x + box.w / 2, cy: box.y + box.h / 2, side, angle: 0 };
        await readHand(backend, frame, crop, 'left');
      }
    }
    if (parts.has('face') && (warmBox !== null || headSide(box) >= MIN_HEAD_SIDE_PX)) {
      const face = await findFace(backend, frame, box, warmBox !== null);
      if (face) {
        look.face = face;
        // The warm-up's grey frame runs it regardless, so that the part is compiled before 'ready'.
        const readable = warmBox !== null || readableFace(face, look.keypoints);
        if (parts.has('expression') && readable) look.expression = await readExpression(backend, frame, face);
      }
    }
    looks.push(look);
  }
  return looks;
}

/** The person's box grown by a tenth per side (MoveNet wants the whole body with a margin). */
function grow(box: Box, by: number): Box {
  return { x: box.x - box.w * by, y: box.y - box.h * by, w: box.w * (1 + 2 * by), h: box.h * (1 + 2 * by) };
}

async function readPose(backend: InferenceBackend, frame: RgbaImage, box: Box) {
  const input = squareInput(frame, grow(box, 0.1), POSE_SIZE);
  const [keypoints] = await runImagePart(backend, 'pose', input.data, [1, POSE_SIZE, POSE_SIZE, 3], ['keypoints']);
  return decodeMovenet(keypoints, decoderMapping(input.toFrame));
}

/** The side of the square where a person's head is looked for (frame px). */
const headSide = (box: Box): number => Math.min(box.w, box.h) * 1.1;

/** The best face in the top part of the person's box (where a head is), or null. */
async function findFace(backend: InferenceBackend, frame: RgbaImage, box: Box, warm: boolean): Promise<Box | null> {
  const side = headSide(box);
  const head = { x: box.x + box.w / 2 - side / 2, y: box.y - side * 0.05, w: side, h: side };
  const input = squareInput(frame, head, FACE_SIZE);
  const names = ['logits16', 'boxes16', 'logits32', 'boxes32'];
  const [logits16, boxes16, logits32, boxes32] = await runImagePart(
    backend,
    'face',
    input.data,
    [1, FACE_SIZE, FACE_SIZE, 3],
    names,
  );
  const faces = decodeBlazeface({ logits16, boxes16, logits32, boxes32 }, decoderMapping(input.toFrame));
  if (faces.length === 0) return warm ? head : null;
  return faces[0].box;
}

/** The mean expression over the face's views (EXPRESSION_CROP_GROWTHS, each also mirrored), one batched run. */
async function readExpression(backend: InferenceBackend, frame: RgbaImage, face: Box) {
  const crops = EXPRESSION_CROP_GROWTHS.map((g) => squareInput(frame, grow(face, g), EXPRESSION_SIZE).data);
  const views = crops.flatMap((c) => [c, mirrorNhwc(c, EXPRESSION_SIZE, EXPRESSION_SIZE, 3)]);
  const batch = new Float32Array(views.length * views[0].length);
  views.forEach((v, i) => batch.set(v, i * v.length));
  const dims = [views.length, EXPRESSION_SIZE, EXPRESSION_SIZE, 3];
  const [probabilities] = await runImagePart(backend, 'expression', batch, dims, ['probabilities']);
  return expressionScores(probabilities);
}
