/**
 * The demo camera: a MediaStream of the world's slowly evolving scenes (demo-world.ts) that the Live view can use
 * instead of a webcam. BROWSER ONLY: it draws on a DOM canvas (document.createElement, ImageData,
 * HTMLCanvasElement.captureStream). Every other file of src/world is DOM-free and runs in Node.
 *
 * The picture is the software renderer's (render.ts), so it is byte-identical to what Node renders for the same
 * scene. A scene is rendered only when it changes (each DEMO_DRIFT_STEP_MS at most); every tick in between only
 * repaints the cached ImageData, so the stream delivers a steady `fps` like a webcam.
 */
import {
  DEMO_DRIFT_STEP_MS,
  demoChangeIndex,
  demoSceneOf,
  demoStateAt,
  demoStepIndex,
  type DemoState,
} from './demo-world';
import { renderScene } from './render';
import type { Scene } from './scene';

export interface DemoCameraOptions {
  /** Side of the square picture in pixels (default 256, the world's dataset size). */
  size?: number;
  /** Frames per second of the stream (default 15). */
  fps?: number;
  /** Which evolving world (default 1). The same seed shows the same scenes at the same times. */
  seed?: number;
  /** Clock in milliseconds (default performance.now); tests may pass their own. */
  now?: () => number;
}

/** A running demo camera. */
export interface DemoCamera {
  /** One video track of size x size pixels. */
  readonly stream: MediaStream;
  /** The canvas behind the stream (not attached to the document). */
  readonly canvas: HTMLCanvasElement;
  /** The true scene of the picture on the canvas now: what a correct caption describes. */
  currentScene(): Scene;
  /** Demo time of the picture on the canvas: `demoSceneAt(seed, elapsedMs())` equals `currentScene()`. */
  elapsedMs(): number;
  /** Stops drawing and ends the stream's track. Idempotent. */
  stop(): void;
}

export function startDemoCamera(options: DemoCameraOptions = {}): DemoCamera {
  const size = options.size ?? 256;
  const fps = options.fps ?? 15;
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => performance.now());
  if (!Number.isInteger(size) || size < 8)
    throw new RangeError(`demo camera size must be an integer >= 8, not ${size}`);
  if (!(fps > 0 && fps <= 60)) throw new RangeError(`demo camera fps must be in (0, 60], not ${fps}`);

  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the demo camera needs a 2D canvas context');
  const started = now();
  let state: DemoState | null = null;
  let step = -1;
  let scene: Scene | null = null;
  let frame: ImageData | null = null;
  let shownMs = 0;

  const draw = (): void => {
    const t = Math.max(0, now() - started);
    const nextStep = demoStepIndex(t);
    if (nextStep !== step || !frame) {
      const change = demoChangeIndex(t);
      if (state?.change !== change) state = demoStateAt(seed, change);
      scene = demoSceneOf(state, nextStep);
      frame = new ImageData(renderScene(scene, size), size, size);
      step = nextStep;
    }
    shownMs = t;
    context.putImageData(frame, 0, 0);
  };

  draw();
  const stream = canvas.captureStream(fps);
  // Ticks at the frame rate, not per drift step: a repaint is what makes captureStream emit a frame.
  const timer = setInterval(draw, Math.min(1000 / fps, DEMO_DRIFT_STEP_MS));
  let stopped = false;
  return {
    stream,
    canvas,
    currentScene: () => scene!,
    elapsedMs: () => shownMs,
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
    },
  };
}
