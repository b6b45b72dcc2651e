/**
 * Writes the demo camera's evolving world (src/world/demo-world.ts) as a .y4m video for Chromium's fake webcam
 * (--use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE), plus a sidecar JSON (FILE.json)
 * saying which scene is in which frame range. Frame f shows demo time f * 1000 / fps ms; Chromium loops the file.
 * Usage: npm run world:y4m -- [--out data/world-demo.y4m] [--seed 1] [--seconds 28] [--fps 15]
 *          [--width 320] [--height 240] [--scene-size min(width,height)] [--range limited|full]
 * The square scene is centred (letterboxed in black). Chromium reads y4m as limited-range BT.601 whatever the
 * header says (measured: docs/world.md), hence the default.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseCli } from './cli';
import { detailedCaption, shortCaption } from '../src/world/captions';
import { demoChangeIndex, demoSceneOf, demoStateAt, demoStepIndex, type DemoState } from '../src/world/demo-world';
import { renderScene } from '../src/world/render';
import type { Scene } from '../src/world/scene';
import { centredPlacement, rgbaToI420, y4mHeader, type YuvRange } from '../src/world/y4m';

const { values } = parseCli(import.meta.url, {
  options: {
    out: { type: 'string', default: 'data/world-demo.y4m' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '28' },
    fps: { type: 'string', default: '15' },
    width: { type: 'string', default: '320' },
    height: { type: 'string', default: '240' },
    'scene-size': { type: 'string' },
    range: { type: 'string', default: 'limited' },
  },
});
const int = (name: string, value: string | undefined, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const seed = int('seed', values.seed, 0);
const fps = int('fps', values.fps, 1);
const width = int('width', values.width, 8);
const height = int('height', values.height, 8);
const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error('--seconds must be positive');
const range = values.range as YuvRange;
if (range !== 'limited' && range !== 'full') throw new Error('--range must be limited or full');
const placement = centredPlacement(
  width,
  height,
  values['scene-size'] ? int('scene-size', values['scene-size'], 8) : undefined,
);
const frames = Math.max(1, Math.round(seconds * fps));
const out = values.out as string;

interface Segment {
  change: number;
  firstFrame: number;
  lastFrame: number;
  startMs: number;
  /** The objects in reading order; cx, cy in frame pixels at the segment's first frame (they drift < 3 px). */
  objects: object[];
  detailed: string;
  short: string;
}

function segmentFor(change: number, frame: number, t: number, scene: Scene): Segment {
  const { sceneSize, x, y } = placement;
  const objects = scene.objects.map((o) => ({
    shape: o.shape,
    colour: o.colour,
    size: o.size,
    pattern: o.pattern,
    position: o.position,
    cx: Math.round((x + o.cx * sceneSize) * 100) / 100,
    cy: Math.round((y + o.cy * sceneSize) * 100) / 100,
  }));
  return {
    change,
    firstFrame: frame,
    lastFrame: frame,
    startMs: t,
    objects,
    detailed: detailedCaption(scene.objects),
    short: shortCaption(scene.objects),
  };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

mkdirSync(dirname(out), { recursive: true });
const began = performance.now();
const fd = openSync(out, 'w');
const segments: Segment[] = [];
let state: DemoState | null = null;
let step = -1;
let planes: Uint8Array = new Uint8Array(0);
let rendered = 0;
try {
  writeAll(fd, Buffer.from(y4mHeader({ width, height, fps }, range)));
  const frameLine = Buffer.from('FRAME\n');
  for (let f = 0; f < frames; f++) {
    const t = (f * 1000) / fps;
    const change = demoChangeIndex(t);
    if (state?.change !== change) {
      state = demoStateAt(seed, change);
      segments.push(segmentFor(change, f, t, demoSceneOf(state, demoStepIndex(t))));
    }
    segments[segments.length - 1].lastFrame = f;
    // Render only when the picture changes (a new drift step); most frames repeat the last one.
    if (demoStepIndex(t) !== step) {
      step = demoStepIndex(t);
      planes = rgbaToI420(renderScene(demoSceneOf(state, step), placement.sceneSize), placement, width, height, range);
      rendered++;
    }
    writeAll(fd, frameLine);
    writeAll(fd, planes);
  }
} finally {
  closeSync(fd);
}
const sidecar = {
  file: basename(out),
  width,
  height,
  fps,
  frames,
  durationMs: (frames * 1000) / fps,
  seed,
  range,
  colour: `BT.601 ${range} range, 4:2:0 (C420jpeg)`,
  scene: { size: placement.sceneSize, x: placement.x, y: placement.y },
  loops: true,
  segments,
};
writeFileSync(`${out}.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
const secondsTaken = (performance.now() - began) / 1000;
console.log(
  `wrote ${out} (${frames} frames, ${segments.length} scenes, ${rendered} renders) and ${out}.json in ` +
    `${secondsTaken.toFixed(2)} s`,
);
