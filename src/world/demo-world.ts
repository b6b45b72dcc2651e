/**
 * The demo camera's slowly evolving world, as a pure function of (seed, time): the browser's demo camera
 * (demo-camera.ts), the fake-webcam writer (scripts/world-y4m.ts) and tests all know which scene is in view at
 * any moment. Every DEMO_CHANGE_MS the scene changes: every DEMO_CHANGES_PER_ACT-th change replaces the whole
 * scene (a new act), the others add or remove one object. Between changes objects drift a little, in steps of
 * DEMO_DRIFT_STEP_MS, never leaving their cell or swapping reading order, so captions stay the same until the
 * next change.
 */
import { deriveSeed, createRng } from './random';
import {
  clearOf,
  compareReadingOrder,
  contrastsWith,
  sampleScene,
  type Background,
  type Scene,
  type WorldObject,
} from './scene';

/** How long one state of the world lasts (one caption's worth). */
export const DEMO_CHANGE_MS = 3500;
/** Every this many changes the whole scene is replaced; the changes between add or remove one object. */
export const DEMO_CHANGES_PER_ACT = 4;
/** Drift moves objects in steps this long; the demo camera re-renders only when the step changes. */
export const DEMO_DRIFT_STEP_MS = 250;
/**
 * Largest drift of a centre per axis, in units of the scene side (2.5 px at 256 px). Below OBJECT_GAP / 2 (the
 * sampler's gap between objects), so two drifting objects never touch.
 */
export const DEMO_DRIFT_MAX = 2.5 / 256;
/** Drift goes back and forth over this many steps (4 s). */
const DRIFT_PERIOD_STEPS = 16;
/** Drifting centres stay this far inside their cell (and the frame). */
const DRIFT_CELL_MARGIN = 1 / 256;
const MAX_OBJECTS = 6;
const APPEAR_TRIES = 20;

/** An object of the demo world with its own drift: direction (dx, dy in [-1, 1]) and phase. */
interface Drifting {
  object: WorldObject;
  dx: number;
  dy: number;
  phase: number;
}

/** The world between two changes: objects at rest, before drift. */
export interface DemoState {
  /** Index of this state: floor(t / DEMO_CHANGE_MS). */
  change: number;
  background: Background;
  objects: readonly Drifting[];
}

function drifting(object: WorldObject, seed: number): Drifting {
  const rng = createRng(seed);
  return { object, dx: rng.range(-1, 1), dy: rng.range(-1, 1), phase: rng.next() };
}

/** One object that fits the scene (contrasts with its background, keeps clear of the others), or null. */
function newcomer(seed: number, background: Background, present: readonly WorldObject[]): WorldObject | null {
  for (let attempt = 0; attempt < APPEAR_TRIES; attempt++) {
    const candidates = sampleScene(deriveSeed(seed, attempt)).objects;
    const fit = candidates.find((o) => contrastsWith(background, [o.colour]) && clearOf(o, present));
    if (fit) return fit;
  }
  return null;
}

/** The state of the world during change `change` (>= 0). Cost: one act's scene plus at most 3 events. */
export function demoStateAt(seed: number, change: number): DemoState {
  const act = Math.floor(change / DEMO_CHANGES_PER_ACT);
  const actSeed = deriveSeed(seed, act);
  const first = sampleScene(actSeed);
  let objects = first.objects.map((o, i) => drifting(o, deriveSeed(actSeed, 1000 + i)));
  for (let c = 1; c <= change - act * DEMO_CHANGES_PER_ACT; c++) {
    const eventSeed = deriveSeed(actSeed, c);
    const rng = createRng(eventSeed);
    const appear = objects.length === 1 || (objects.length < MAX_OBJECTS && rng.chance(0.5));
    const added = appear
      ? newcomer(
          eventSeed,
          first.background,
          objects.map((d) => d.object),
        )
      : null;
    if (added) {
      objects = [...objects, drifting(added, deriveSeed(eventSeed, 999))];
      objects.sort((a, b) => compareReadingOrder(a.object, b.object));
    } else if (objects.length > 1) {
      const gone = rng.int(objects.length);
      objects = objects.filter((_, i) => i !== gone);
    }
  }
  return { change, background: first.background, objects };
}

/** Triangle wave in [-1, 1] with period 1: only floor and arithmetic, so every engine agrees. */
function triangle(x: number): number {
  const f = x - Math.floor(x);
  return 4 * Math.abs(f - 0.5) - 1;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function drifted(d: Drifting, step: number): WorldObject {
  const { object } = d;
  const wave = triangle(step / DRIFT_PERIOD_STEPS + d.phase) * DEMO_DRIFT_MAX;
  const col = Math.floor(object.cx * 3);
  const row = Math.floor(object.cy * 3);
  const half = object.extent / 2;
  const cx = clamp(object.cx + d.dx * wave, col / 3 + DRIFT_CELL_MARGIN, (col + 1) / 3 - DRIFT_CELL_MARGIN);
  const cy = clamp(object.cy + d.dy * wave, row / 3 + DRIFT_CELL_MARGIN, (row + 1) / 3 - DRIFT_CELL_MARGIN);
  return {
    ...object,
    cx: clamp(cx, half + DRIFT_CELL_MARGIN, 1 - half - DRIFT_CELL_MARGIN),
    cy: clamp(cy, half + DRIFT_CELL_MARGIN, 1 - half - DRIFT_CELL_MARGIN),
  };
}

/**
 * The scene of `state` at drift step `step` (floor(t / DEMO_DRIFT_STEP_MS)). Objects stay in reading order: in
 * the rare step where drift would swap two objects of one cell, they are shown at rest instead.
 */
export function demoSceneOf(state: DemoState, step: number): Scene {
  const moved = state.objects.map((d) => drifted(d, step));
  const keepsOrder = moved.every((o, i) => i === 0 || compareReadingOrder(moved[i - 1], o) < 0);
  return { background: state.background, objects: keepsOrder ? moved : state.objects.map((d) => d.object) };
}

/** Index of the world state shown at `tMs` (milliseconds since the demo started; negative reads as 0). */
export function demoChangeIndex(tMs: number): number {
  return Math.floor(Math.max(0, tMs) / DEMO_CHANGE_MS);
}

/** Index of the drawn frame at `tMs`: the picture changes only when this does. */
export function demoStepIndex(tMs: number): number {
  return Math.floor(Math.max(0, tMs) / DEMO_DRIFT_STEP_MS);
}

/** The scene in view `tMs` milliseconds after a demo with `seed` started. */
export function demoSceneAt(seed: number, tMs: number): Scene {
  return demoSceneOf(demoStateAt(seed, demoChangeIndex(tMs)), demoStepIndex(tMs));
}
