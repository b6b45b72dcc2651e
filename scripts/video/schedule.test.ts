import { describe, expect, it } from 'vitest';
import { changeTimes, evenShots, frameCount, framesOf, scheduleShots, type Shot } from './schedule';

/** The known-answer clip's holds (make-videos.ts). */
const WORLD = [2.0, 3.5, 2.5, 4.0, 3.0, 2.5, 3.5, 3.0];

function expectContiguous(shots: readonly Shot[], fps: number): void {
  expect(shots[0].firstFrame).toBe(0);
  expect(shots[0].startSec).toBe(0);
  for (const [i, shot] of shots.entries()) {
    expect(shot.index).toBe(i);
    expect(shot.endFrame).toBeGreaterThan(shot.firstFrame);
    // The stated times are the frame boundaries.
    expect(shot.startSec * fps).toBeCloseTo(shot.firstFrame, 4);
    expect(shot.endSec * fps).toBeCloseTo(shot.endFrame, 4);
    if (i > 0) {
      expect(shot.firstFrame).toBe(shots[i - 1].endFrame);
      expect(shot.startSec).toBe(shots[i - 1].endSec);
    }
  }
}

describe('scheduleShots', () => {
  it('holds each world scene its exact whole number of frames at 10 fps', () => {
    const shots = scheduleShots(WORLD, 10);
    expect(shots.map((s) => s.endFrame - s.firstFrame)).toEqual([20, 35, 25, 40, 30, 25, 35, 30]);
    expect(frameCount(shots)).toBe(240);
    expect(shots.map((s) => s.startSec)).toEqual([0, 2, 5.5, 8, 12, 15, 17.5, 21]);
    expect(shots[7].endSec).toBe(24);
    expectContiguous(shots, 10);
  });

  it('rounds the running total, so uneven shots never drift and cuts stay within half a frame of the truth', () => {
    const shots = evenShots(60, 11, 25);
    expect(frameCount(shots)).toBe(1500);
    expect(shots.map((s) => s.firstFrame)).toEqual([0, 136, 273, 409, 545, 682, 818, 955, 1091, 1227, 1364]);
    for (const shot of shots) {
      expect([136, 137]).toContain(shot.endFrame - shot.firstFrame);
      expect(Math.abs(shot.startSec - (shot.index * 60) / 11)).toBeLessThanOrEqual(0.5 / 25);
    }
    expect(changeTimes(shots)).toHaveLength(10);
    expect(changeTimes(shots)[0]).toBe(5.44);
    expectContiguous(shots, 25);
  });

  it('cycles 6 s shots over 10 minutes at 5 fps: 100 shots of 30 frames, 99 changes', () => {
    const shots = evenShots(600, 100, 5);
    expect(frameCount(shots)).toBe(3000);
    expect(shots.every((s) => s.endFrame - s.firstFrame === 30)).toBe(true);
    expect(changeTimes(shots)).toEqual(Array.from({ length: 99 }, (_, i) => 6 * (i + 1)));
    expectContiguous(shots, 5);
  });

  it('names every frame with its shot, in order', () => {
    const shots = scheduleShots([0.3, 0.2], 10);
    expect([...framesOf(shots)]).toEqual([0, 0, 0, 1, 1]);
  });

  it('rejects shots that get no frame, non-positive durations and fractional frame rates', () => {
    expect(() => scheduleShots([1, 0.04], 10)).toThrow(/no frame/);
    expect(() => scheduleShots([1, 0], 10)).toThrow(/lasts 0 s/);
    expect(() => scheduleShots([1, Number.NaN], 10)).toThrow(/lasts/);
    expect(() => scheduleShots([], 10)).toThrow(/at least one/);
    expect(() => scheduleShots([1], 29.97)).toThrow(/fps/);
  });
});
