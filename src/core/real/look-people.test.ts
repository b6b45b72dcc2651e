import { describe, expect, it } from 'vitest';
import { FakeBackend, type FakePart } from '../testing/fake-backend';
import { blazefaceAnchors } from './blazeface-decode';
import { lookAtPeople, MIN_HEAD_SIDE_PX } from './look-people';
import type { Detection, RgbaImage } from './types';

const FRAME: RgbaImage = { width: 640, height: 480, data: new Uint8Array(640 * 480 * 4).fill(120) };

/** The anchor at the middle of BlazeFace's 256 px input (cell 8, 8 of the stride-16 grid): where a face is put. */
const MIDDLE_ANCHOR = (8 * 16 + 8) * 2;

/** Stride-16 logits: "nothing" everywhere, or one sure face at the middle anchor when faceSide > 0. */
function faceLogits(n: number, faceSide: number): Float32Array {
  const logits = new Float32Array(n).fill(-10);
  if (faceSide > 0) logits[MIDDLE_ANCHOR] = 10;
  return logits;
}

/** Stride-16 boxes: that face's width and height, faceSide input px (the head square is 256 px there). */
function faceBoxes(n: number, faceSide: number): Float32Array {
  const boxes = new Float32Array(n * 16);
  boxes[MIDDLE_ANCHOR * 16 + 2] = faceSide;
  boxes[MIDDLE_ANCHOR * 16 + 3] = faceSide;
  return boxes;
}

/** Person parts that answer "nothing there": keypoints of score 0, no face above its threshold. */
function parts(faceSide = 0): Record<string, FakePart> {
  const anchors = blazefaceAnchors().length;
  // BlazeFace's two heads: 16x16x2 anchors at stride 16 and the rest at stride 32.
  const first = 16 * 16 * 2;
  const image = ['image'];
  return {
    pose: {
      inputs: image,
      outputs: ['keypoints'],
      run: () => ({ keypoints: { type: 'float32', data: new Float32Array(51), dims: [1, 1, 17, 3] } }),
    },
    face: {
      inputs: image,
      outputs: ['logits16', 'boxes16', 'logits32', 'boxes32'],
      run: () => ({
        logits16: { type: 'float32', data: faceLogits(first, faceSide), dims: [1, first, 1] },
        boxes16: { type: 'float32', data: faceBoxes(first, faceSide), dims: [1, first, 16] },
        logits32: { type: 'float32', data: new Float32Array(anchors - first).fill(-10), dims: [1, anchors - first, 1] },
        boxes32: { type: 'float32', data: new Float32Array((anchors - first) * 16), dims: [1, anchors - first, 16] },
      }),
    },
    expression: {
      inputs: image,
      outputs: ['probabilities'],
      run: (feeds) => {
        const n = feeds.image.dims[0];
        return { probabilities: { type: 'float32', data: new Float32Array(7 * n), dims: [n, 7] } };
      },
    },
  };
}

const person = (w: number, h: number): Detection => ({
  classId: 0,
  label: 'person',
  score: 0.8,
  box: { x: 100, y: 50, w, h },
});

describe('lookAtPeople', () => {
  const all = new Set(['pose', 'face', 'expression']);

  it('reads the pose and looks for the face of a person whose head is big enough to read', async () => {
    const backend = new FakeBackend(parts());
    const looks = await lookAtPeople(backend, all, FRAME, [person(MIN_HEAD_SIDE_PX, 3 * MIN_HEAD_SIDE_PX)], null);
    expect(looks).toHaveLength(1);
    expect(backend.calls.map((c) => c.part)).toEqual(['pose', 'face']);
    expect(backend.live.size).toBe(0);
  });

  it('reads only the pose of a pedestrian too narrow for a face (no face, no expression run)', async () => {
    const backend = new FakeBackend(parts());
    // 25 x 70 px: a person far off on a street webcam; the head square is about 28 px.
    const looks = await lookAtPeople(backend, all, FRAME, [person(25, 70)], null);
    expect(looks).toHaveLength(1);
    expect(looks[0].face).toBeUndefined();
    expect(backend.calls.map((c) => c.part)).toEqual(['pose']);
  });

  // A 200 x 400 px person: the head square is 220 frame px, so a face of S input px is 0.86 S frame px.
  const big = person(200, 400);

  it('reads the expression of a large face over four views (two crops, each mirrored) in one run', async () => {
    const backend = new FakeBackend(parts(100));
    const looks = await lookAtPeople(backend, new Set(['face', 'expression']), FRAME, [big], null);
    expect(looks[0].face!.w).toBeCloseTo(86, 0);
    expect(backend.callsOf('expression').map((c) => c.feedDims.image)).toEqual([[4, 64, 64, 3]]);
    expect(looks[0].expression).toBeDefined();
  });

  it('runs no expression on a face under 32 px, or on one the pose does not see from the front', async () => {
    const tiny = new FakeBackend(parts(30)); // 26 frame px
    const small = await lookAtPeople(tiny, new Set(['face', 'expression']), FRAME, [big], null);
    expect(small[0].face).toBeDefined();
    expect(small[0].expression).toBeUndefined();
    expect(tiny.callsOf('expression')).toHaveLength(0);
    // The fake pose sees no nose and no eyes: the back of a head, where BlazeFace still found a "face".
    const behind = new FakeBackend(parts(100));
    const turned = await lookAtPeople(behind, all, FRAME, [big], null);
    expect(turned[0].face).toBeDefined();
    expect(turned[0].expression).toBeUndefined();
    expect(behind.callsOf('expression')).toHaveLength(0);
  });
});
