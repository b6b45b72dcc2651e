import { describe, expect, it } from 'vitest';
import { detailedCaption } from './captions';
import {
  DEMO_CHANGES_PER_ACT,
  DEMO_CHANGE_MS,
  DEMO_DRIFT_MAX,
  DEMO_DRIFT_STEP_MS,
  demoChangeIndex,
  demoSceneAt,
  demoSceneOf,
  demoStateAt,
  demoStepIndex,
} from './demo-world';
import { OBJECT_GAP, cellAt, compareReadingOrder, contrastsWith, type Scene } from './scene';

const STEPS_PER_CHANGE = DEMO_CHANGE_MS / DEMO_DRIFT_STEP_MS;

/** Bounding squares of every two objects are apart (by a positive gap) along x or y. */
function apart(scene: Scene): boolean {
  const o = scene.objects;
  for (let i = 0; i < o.length; i++)
    for (let j = i + 1; j < o.length; j++) {
      const reach = (o[i].extent + o[j].extent) / 2;
      if (Math.abs(o[i].cx - o[j].cx) <= reach && Math.abs(o[i].cy - o[j].cy) <= reach) return false;
    }
  return true;
}

describe('demo world', () => {
  it('has a change boundary on a drift step, and drift that cannot close the gap between objects', () => {
    expect(Number.isInteger(STEPS_PER_CHANGE)).toBe(true);
    expect(2 * DEMO_DRIFT_MAX).toBeLessThan(OBJECT_GAP);
    expect(demoChangeIndex(DEMO_CHANGE_MS - 1)).toBe(0);
    expect(demoChangeIndex(DEMO_CHANGE_MS)).toBe(1);
    expect(demoStepIndex(-5)).toBe(0);
  });

  it('is a pure function of seed and time', () => {
    for (const t of [0, 1234, 60_000, 3_600_000])
      expect(JSON.stringify(demoSceneAt(9, t))).toBe(JSON.stringify(demoSceneAt(9, t)));
    expect(JSON.stringify(demoSceneAt(9, 0))).not.toBe(JSON.stringify(demoSceneAt(10, 0)));
  });

  it('keeps each state valid and its caption fixed while objects drift; changes it at every change', () => {
    const events = { appear: 0, disappear: 0, replace: 0, same: 0 };
    let moved = 0;
    for (const seed of [1, 2, 3]) {
      let previous: string | null = null;
      let previousCount = 0;
      for (let change = 0; change < 120; change++) {
        const state = demoStateAt(seed, change);
        const rest = state.objects.map((d) => d.object);
        expect(rest.length).toBeGreaterThanOrEqual(1);
        expect(rest.length).toBeLessThanOrEqual(6);
        expect(
          contrastsWith(
            state.background,
            rest.map((o) => o.colour),
          ),
        ).toBe(true);
        const caption = detailedCaption(rest);
        for (let k = 0; k < STEPS_PER_CHANGE; k++) {
          const step = change * STEPS_PER_CHANGE + k;
          const scene = demoSceneOf(state, step);
          expect(detailedCaption(scene.objects)).toBe(caption);
          expect(apart(scene)).toBe(true);
          scene.objects.forEach((o, i) => {
            expect(cellAt(o.cx, o.cy)).toBe(o.position);
            expect(Math.abs(o.cx - rest[i].cx)).toBeLessThanOrEqual(DEMO_DRIFT_MAX + 1e-12);
            expect(Math.abs(o.cy - rest[i].cy)).toBeLessThanOrEqual(DEMO_DRIFT_MAX + 1e-12);
            if (i > 0) expect(compareReadingOrder(scene.objects[i - 1], o)).toBeLessThan(0);
            if (o.cx !== rest[i].cx) moved++;
          });
        }
        if (previous !== null) {
          if (change % DEMO_CHANGES_PER_ACT === 0) events.replace++;
          else if (caption === previous) events.same++;
          else if (rest.length > previousCount) events.appear++;
          else events.disappear++;
        }
        previous = caption;
        previousCount = rest.length;
      }
    }
    // 3 seeds x 119 transitions: a quarter replace the scene; the rest add or remove one object.
    expect(events.replace).toBe(3 * 30 - 3);
    expect(events.appear).toBeGreaterThan(60);
    expect(events.disappear).toBeGreaterThan(60);
    expect(events.same).toBeLessThanOrEqual(3);
    expect(moved).toBeGreaterThan(1000);
  });

  it('keeps surviving objects where they were when one appears or disappears', () => {
    const before = demoStateAt(4, 1).objects.map((d) => JSON.stringify(d.object));
    const after = demoStateAt(4, 2).objects.map((d) => JSON.stringify(d.object));
    const kept = after.filter((o) => before.includes(o));
    expect(kept.length).toBe(Math.min(before.length, after.length));
  });

  it('knows the scene at any time cheaply (an hour in)', () => {
    const began = performance.now();
    for (let k = 0; k < 200; k++) demoSceneAt(1, 3_600_000 + k * 997);
    expect((performance.now() - began) / 200).toBeLessThan(5);
  });
});
