import { describe, expect, it } from 'vitest';
import { FakeBackend, type FakePart } from '../testing/fake-backend';
import { blazefaceAnchors } from './blazeface-decode';
import { lookAtPeople, MIN_HEAD_SIDE_PX } from './look-people';
import type { Detection, RgbaImage } from './types';

const FRAME: RgbaImage = { width: 640, height: 480, data: new Uint8Array(640 * 480 * 4).fill(120) };

/** Person parts that answer "nothing there": keypoints of score 0, no face above its threshold. */
function parts(): Record<string, FakePart> {
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
        logits16: { type: 'float32', data: new Float32Array(first).fill(-10), dims: [1, first, 1] },
        boxes16: { type: 'float32', data: new Float32Array(first * 16), dims: [1, first, 16] },
        logits32: { type: 'float32', data: new Float32Array(anchors - first).fill(-10), dims: [1, anchors - first, 1] },
        boxes32: { type: 'float32', data: new Float32Array((anchors - first) * 16), dims: [1, anchors - first, 16] },
      }),
    },
    expression: {
      inputs: image,
      outputs: ['probabilities'],
      run: () => ({ probabilities: { type: 'float32', data: new Float32Array(7), dims: [1, 7] } }),
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
});
