import { describe, expect, it } from 'vitest';
import { DEFAULT_CUT_THRESHOLD, signatureDistance } from './scene-signature';
import { DRIFT_FACTOR, SceneTracker } from './scene-tracker';
import { blendSignatures, sceneSignature } from './testing/pictures';
import type { SceneSignature } from './types';

const A = sceneSignature(1);
const B = sceneSignature(2);
const C = sceneSignature(3);

const tracker = (minGapSec = 1) => new SceneTracker({ cutThreshold: DEFAULT_CUT_THRESHOLD, minGapSec });

/** Pushes [time, signature] pairs; returns the times that opened a scene and whether each was a cut. */
function run(t: SceneTracker, samples: readonly (readonly [number, SceneSignature])[]) {
  return samples.flatMap(([time, s]) => {
    const step = t.push(time, s);
    expect(step.reason !== null).toBe(step.newScene);
    return step.newScene ? [{ time, cut: step.cut, reason: step.reason }] : [];
  });
}

describe('SceneTracker', () => {
  it('opens a scene at the first sample, not as a cut', () => {
    expect(tracker().push(0, A)).toEqual({ newScene: true, cut: false, distance: 0, reason: 'first' });
  });

  it('holds the scene while the picture holds', () => {
    const t = tracker();
    expect(
      run(
        t,
        [0, 0.5, 1, 1.5, 2].map((time) => [time, A] as const),
      ),
    ).toEqual([{ time: 0, cut: false, reason: 'first' }]);
    expect(t.sceneStartSec).toBe(0);
  });

  it('opens a scene on a cut after the minimum gap, reporting the distance', () => {
    const t = tracker();
    t.push(0, A);
    t.push(0.5, A);
    t.push(1, A);
    const step = t.push(1.5, B);
    expect(step).toEqual({ newScene: true, cut: true, distance: signatureDistance(A, B), reason: 'cut' });
    expect(t.sceneStartSec).toBe(1.5);
  });

  it('makes a change inside the minimum gap wait for the gap, then opens the scene without a cut', () => {
    const t = tracker(2);
    expect(
      run(t, [
        [0, A],
        [0.5, A],
        [1, B],
        [1.5, B],
        [2, B],
        [2.5, B],
      ]),
    ).toEqual([
      { time: 0, cut: false, reason: 'first' },
      { time: 2, cut: false, reason: 'held' },
    ]);
    expect(t.sceneStartSec).toBe(2);
  });

  it('forgets a change inside the gap that is gone when the gap ends (a flash)', () => {
    const t = tracker(2);
    expect(
      run(t, [
        [0, A],
        [1, B],
        [1.5, A],
        [2, A],
        [3, A],
      ]),
    ).toEqual([{ time: 0, cut: false, reason: 'first' }]);
  });

  it('reports a cut inside the gap without opening a scene', () => {
    const t = tracker(2);
    t.push(0, A);
    expect(t.push(1, B)).toMatchObject({ newScene: false, cut: true });
  });

  it('opens a scene when slow change adds up past the drift threshold, without a cut', () => {
    const t = tracker(0.5);
    t.push(0, A);
    const opened: { time: number; cut: boolean }[] = [];
    for (let i = 1; i <= 40; i++) {
      const time = i * 0.5;
      const s = blendSignatures(A, B, i / 40);
      const step = t.push(time, s);
      expect(step.cut).toBe(false);
      if (step.newScene) {
        expect(step.reason).toBe('drift');
        opened.push({ time, cut: step.cut });
      }
    }
    expect(signatureDistance(A, B)).toBeGreaterThan(DEFAULT_CUT_THRESHOLD * DRIFT_FACTOR * 2);
    // A to B is more than twice the drift threshold: at least two new scenes, none as a cut.
    expect(opened.length).toBeGreaterThanOrEqual(2);
    expect(opened.every((o) => !o.cut)).toBe(true);
    // The first opens once the drift passes the threshold, not before.
    const first = opened[0].time;
    expect(signatureDistance(A, blendSignatures(A, B, first / 20))).toBeGreaterThan(t.driftThreshold);
    expect(signatureDistance(A, blendSignatures(A, B, (first - 0.5) / 20))).toBeLessThanOrEqual(t.driftThreshold);
  });

  it('counts the gap from a start the caller narrowed', () => {
    const t = tracker(1);
    t.push(0, A);
    expect(t.push(2, B).newScene).toBe(true);
    t.startScene(1.6, B);
    expect(t.sceneStartSec).toBe(1.6);
    // 2.5 - 1.6 < 1: a cut now waits; at 2.6 the gap has passed and C still holds.
    expect(t.push(2.5, C)).toMatchObject({ newScene: false, cut: true });
    expect(t.push(2.6, C)).toMatchObject({ newScene: true, cut: false, reason: 'held' });
  });

  it('compares drift with the anchor startScene sets', () => {
    const t = tracker(0);
    t.push(0, A);
    t.startScene(0, B);
    // A is far from the anchor B: drift, though A repeats the previous sample.
    expect(t.push(0.5, A)).toMatchObject({ newScene: true, cut: false, reason: 'drift' });
  });

  it('says which signatures differ by the cut threshold', () => {
    const t = tracker();
    expect(t.differs(A, B)).toBe(true);
    expect(t.differs(A, A)).toBe(false);
    expect(t.differs(A, blendSignatures(A, B, 0.05))).toBe(false);
  });

  it('refuses bad options and samples that go back in time', () => {
    expect(() => new SceneTracker({ cutThreshold: 0, minGapSec: 1 })).toThrow(RangeError);
    expect(() => new SceneTracker({ cutThreshold: 0.1, minGapSec: -1 })).toThrow(RangeError);
    expect(() => new SceneTracker({ cutThreshold: 0.2, minGapSec: 1, driftThreshold: 0.1 })).toThrow(RangeError);
    const t = tracker();
    t.push(1, A);
    expect(() => t.push(0.5, A)).toThrow(RangeError);
  });
});
