/**
 * Makes the video files that the Video place's tests and bench play (issue 18; scripts/video/README.md says what
 * each one is and what its truth is) into .cache/videos/, with Debian's ffmpeg (installed with apt when missing and
 * run as root). Idempotent: an output that exists, is not empty and is newer than these scripts and its inputs is
 * kept; --force remakes them. Every made file is checked with ffprobe (codec, size, streams, duration, frames).
 * Usage: npm run videos:test [-- --bench] [--force] [--check] [--out DIR]
 *   --bench  also the bench clips (bench-60s.mp4, bench-10min.mp4: real photos, needs `npm run photos:real`)
 *   --check  probe the kept files too (decodes each one to count its frames)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli } from '../cli';
import { detailedCaption, shortCaption } from '../../src/world/captions';
import { createRng, sceneSeed } from '../../src/world/random';
import { renderScene } from '../../src/world/render';
import { sampleScene, type Scene } from '../../src/world/scene';
import { SPLIT_SEEDS } from '../../src/world/splits';
import { rgbaToI420 } from '../../src/world/y4m';
import { ensureFfmpeg, pipeToFfmpeg, probe, runFfmpeg, type Probe } from './ffmpeg';
import { changeTimes, evenShots, frameCount, framesOf, scheduleShots, type Shot } from './schedule';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
/** Where the videos go (gitignored, like all of .cache/). */
export const VIDEOS_DIR = join(ROOT, '.cache', 'videos');
const REAL_PHOTOS = join(ROOT, '.cache', 'real-photos');
const TOOL = 'videos:test';

/** The known-answer clip: test-split world scenes at the world's 256 px, each held its own time. */
export const WORLD_CLIP = {
  size: 256,
  fps: 10,
  holdsSec: [2.0, 3.5, 2.5, 4.0, 3.0, 2.5, 3.5, 3.0],
  /** Scenes with this many objects, none small, like the webcam spec's (small objects are the eval's business). */
  minObjects: 2,
  maxObjects: 3,
} as const;
const VTEST = { width: 640, height: 480, fps: 10, seconds: 12 } as const;
const BENCH = { width: 640, height: 480, photos: 11 } as const;
const BENCH_60S = { seconds: 60, fps: 25 } as const;
const BENCH_10MIN = { seconds: 600, fps: 5, shotSec: 6 } as const;

/** BT.601 limited range, as the frames are made (src/world/y4m.ts) and as the photos are converted. */
// prettier-ignore
const BT601 = ['-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv'];
/** No metadata, no audio, no encoder or creation-time strings: the same bytes every run. */
const CLEAN = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact'];
/** H.264 in MP4 with the index first, so a player (and a truncated copy) can read it before the media data. */
const h264 = (crf: number, gop: number): string[] =>
  // prettier-ignore
  ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), '-g', String(gop), '-threads', '2',
    '-pix_fmt', 'yuv420p', '-profile:v', 'high', ...BT601, '-an', ...CLEAN, '-movflags', '+faststart', '-f', 'mp4'];
/** VP9 in WebM, constant quality. */
const vp9 = (crf: number, gop: number): string[] =>
  // prettier-ignore
  ['-c:v', 'libvpx-vp9', '-crf', String(crf), '-b:v', '0', '-deadline', 'good', '-cpu-used', '4', '-row-mt', '1',
    '-threads', '2', '-g', String(gop), '-pix_fmt', 'yuv420p', ...BT601, '-an', ...CLEAN, '-f', 'webm'];
/** Raw I420 frames of `width` x `height` on stdin. */
const rawInput = (width: number, height: number, fps: number): string[] =>
  // prettier-ignore
  ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0'];

// ---------------------------------------------------------------------------------------------------- world clip

/** One scene of the world clip in the sidecar: its shot's times and frames and its ground truth. */
interface WorldSegment {
  index: number;
  /** The scene is sampleScene(sceneSeed(SPLIT_SEEDS.test, sceneIndex)). */
  sceneIndex: number;
  startSec: number;
  endSec: number;
  firstFrame: number;
  endFrame: number;
  /** The objects in reading order, as scripts/world-y4m.ts's sidecar has them; cx, cy in frame pixels. */
  objects: { shape: string; colour: string; size: string; pattern: string; position: string; cx: number; cy: number }[];
  detailed: string;
  short: string;
}

/** The first test-split scenes with 2-3 objects, none small, each captioned unlike the one before. */
export function worldScenes(count: number): { sceneIndex: number; scene: Scene }[] {
  const picked: { sceneIndex: number; scene: Scene }[] = [];
  for (let i = 0; picked.length < count; i++) {
    const scene = sampleScene(sceneSeed(SPLIT_SEEDS.test, i));
    const n = scene.objects.length;
    if (n < WORLD_CLIP.minObjects || n > WORLD_CLIP.maxObjects) continue;
    if (scene.objects.some((o) => o.size === 'small')) continue;
    const last = picked[picked.length - 1];
    if (last && detailedCaption(last.scene.objects) === detailedCaption(scene.objects)) continue;
    picked.push({ sceneIndex: i, scene });
  }
  return picked;
}

function worldPlan(): { shots: Shot[]; scenes: { sceneIndex: number; scene: Scene }[] } {
  return { shots: scheduleShots(WORLD_CLIP.holdsSec, WORLD_CLIP.fps), scenes: worldScenes(WORLD_CLIP.holdsSec.length) };
}

function worldSidecar(): object {
  const { shots, scenes } = worldPlan();
  const size = WORLD_CLIP.size;
  const segments: WorldSegment[] = shots.map((shot) => {
    const { sceneIndex, scene } = scenes[shot.index];
    return {
      index: shot.index,
      sceneIndex,
      startSec: shot.startSec,
      endSec: shot.endSec,
      firstFrame: shot.firstFrame,
      endFrame: shot.endFrame,
      objects: scene.objects.map((o) => ({
        shape: o.shape,
        colour: o.colour,
        size: o.size,
        pattern: o.pattern,
        position: o.position,
        cx: Math.round(o.cx * size * 100) / 100,
        cy: Math.round(o.cy * size * 100) / 100,
      })),
      detailed: detailedCaption(scene.objects),
      short: shortCaption(scene.objects),
    };
  });
  return {
    files: ['world-scenes.webm', 'world-scenes.mp4'],
    width: size,
    height: size,
    fps: WORLD_CLIP.fps,
    frames: frameCount(shots),
    durationSec: shots[shots.length - 1].endSec,
    source: 'test-split world scenes (src/world/splits.ts), 2-3 objects, none small; static, hard cuts',
    colour: 'BT.601 limited range, 4:2:0',
    changesSec: changeTimes(shots),
    segments,
  };
}

/** The world clip's frames: each scene rendered once, its I420 planes repeated for every frame of its shot. */
export function* worldFrames(): Generator<Uint8Array> {
  const { shots, scenes } = worldPlan();
  const size = WORLD_CLIP.size;
  const planes = scenes.map(({ scene }) =>
    rgbaToI420(renderScene(scene, size), { sceneSize: size, x: 0, y: 0 }, size, size, 'limited'),
  );
  for (const shot of framesOf(shots)) yield planes[shot];
}

// ---------------------------------------------------------------------------------------------------- bench clips

interface Labels {
  photos: { id: string; split: string; objects: { label: string }[] }[];
}

/**
 * The bench's photos: those of .cache/real-photos/photos/ with at least one hand-labelled COCO object
 * (scripts/real-photos/labels.json), sorted by id, `count` of them evenly spaced through that list. The 'holdout'
 * photos (added 2026-12-07) are left out, so the clips hold the same pictures as before and runs compare.
 */
function benchPhotos(count: number): { file: string; id: string; labels: string[] }[] {
  const labels = JSON.parse(readFileSync(join(ROOT, 'scripts', 'real-photos', 'labels.json'), 'utf8')) as Labels;
  const dir = join(REAL_PHOTOS, 'photos');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npm run photos:real\` first`);
  const files = new Map(readdirSync(dir).map((name) => [name.replace(/\.[^.]+$/, ''), name]));
  const labelled = labels.photos
    .filter((p) => p.objects.length > 0 && p.split !== 'holdout')
    .map((p) => p.id)
    .sort();
  const missing = labelled.filter((id) => !files.has(id));
  if (missing.length) throw new Error(`photos missing from ${dir}: ${missing.join(', ')} (npm run photos:real)`);
  return Array.from({ length: count }, (_, i) => {
    const id = labelled[Math.floor((i * labelled.length) / count)];
    const objects = labels.photos.find((p) => p.id === id)?.objects ?? [];
    return { file: join(dir, files.get(id) as string), id, labels: [...new Set(objects.map((o) => o.label))].sort() };
  });
}

/** A photo scaled to fit 640x480 (aspect kept), centred on black, as BT.601 limited-range I420. */
function photoFrame(file: string): Uint8Array {
  const { width, height } = BENCH;
  // prettier-ignore
  const planes = runFfmpeg([
    '-i', file, '-frames:v', '1',
    '-vf', `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic:` +
      `out_color_matrix=bt601:out_range=tv,format=yuv420p,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:black`,
    '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1',
  ]);
  if (planes.length !== (width * height * 3) / 2) throw new Error(`${file} became ${planes.length} bytes, not a frame`);
  return planes;
}

function benchPlan(which: 'bench-60s' | 'bench-10min'): {
  shots: Shot[];
  fps: number;
  photos: { file: string; id: string; labels: string[] }[];
} {
  const photos = benchPhotos(BENCH.photos);
  if (which === 'bench-60s') {
    return { shots: evenShots(BENCH_60S.seconds, photos.length, BENCH_60S.fps), fps: BENCH_60S.fps, photos };
  }
  const count = BENCH_10MIN.seconds / BENCH_10MIN.shotSec;
  return { shots: evenShots(BENCH_10MIN.seconds, count, BENCH_10MIN.fps), fps: BENCH_10MIN.fps, photos };
}

function benchSidecar(which: 'bench-60s' | 'bench-10min'): object {
  const { shots, fps, photos } = benchPlan(which);
  return {
    file: `${which}.mp4`,
    width: BENCH.width,
    height: BENCH.height,
    fps,
    frames: frameCount(shots),
    durationSec: shots[shots.length - 1].endSec,
    source:
      `${photos.length} real photos (.cache/real-photos/photos, those with hand-labelled COCO objects), ` +
      'each scaled to fit and centred on black; static shots, hard cuts, cycling in order',
    colour: 'BT.601 limited range, 4:2:0',
    changesSec: changeTimes(shots),
    segments: shots.map((shot) => {
      const photo = photos[shot.index % photos.length];
      return {
        index: shot.index,
        startSec: shot.startSec,
        endSec: shot.endSec,
        firstFrame: shot.firstFrame,
        endFrame: shot.endFrame,
        photo: basename(photo.file),
        labels: photo.labels,
      };
    }),
  };
}

async function encodeBench(which: 'bench-60s' | 'bench-10min', out: string, gopSec: number): Promise<void> {
  const { shots, fps, photos } = benchPlan(which);
  const planes = photos.map((p) => photoFrame(p.file));
  const frames = function* (): Generator<Uint8Array> {
    for (const shot of framesOf(shots)) yield planes[shot % planes.length];
  };
  // prettier-ignore
  await pipeToFfmpeg(['-y', ...rawInput(BENCH.width, BENCH.height, fps), ...h264(23, gopSec * fps), out], frames());
}

// ---------------------------------------------------------------------------------------------------- the outputs

/** What ffprobe must find in a made file. */
interface Expect {
  video?: { codec: string; width: number; height: number; fps: number; frames: number };
  audio?: { codec: string; seconds: number };
  /** Not readable as media at all. */
  unreadable?: boolean;
  /** Readable metadata (`durationSec` long) but fewer frames decode than it declares. */
  truncated?: { durationSec: number; declaredFrames: number };
}

interface Target {
  name: string;
  /** Files besides these scripts whose change remakes the output. */
  inputs: () => string[];
  make: (out: string) => Promise<void> | void;
  expect?: Expect;
  bench?: boolean;
}

const WORLD_SOURCES = (): string[] =>
  readdirSync(join(ROOT, 'src', 'world'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(ROOT, 'src', 'world', f));
const SCRIPTS = ['make-videos.ts', 'schedule.ts', 'ffmpeg.ts'].map((f) => join(HERE, f));
const WORLD_FRAMES = WORLD_CLIP.holdsSec.reduce((a, b) => a + b, 0) * WORLD_CLIP.fps;
const worldVideo = (codec: string): Expect['video'] => ({
  codec,
  width: WORLD_CLIP.size,
  height: WORLD_CLIP.size,
  fps: WORLD_CLIP.fps,
  frames: WORLD_FRAMES,
});

/** 64 kB that no demuxer takes for a video: mulberry32's bytes from a fixed seed. */
function garbageBytes(): Uint8Array {
  const rng = createRng(0x67617262);
  return Uint8Array.from({ length: 64 * 1024 }, () => rng.int(256));
}

function targets(dir: string): Target[] {
  const photoInputs = (): string[] => [
    join(ROOT, 'scripts', 'real-photos', 'labels.json'),
    ...benchPhotos(BENCH.photos).map((p) => p.file),
  ];
  return [
    {
      name: 'world-scenes.json',
      inputs: WORLD_SOURCES,
      make: (out) => writeFileSync(out, `${JSON.stringify(worldSidecar(), null, 2)}\n`),
    },
    {
      name: 'world-scenes.webm',
      inputs: WORLD_SOURCES,
      make: (out) =>
        pipeToFfmpeg(
          ['-y', ...rawInput(WORLD_CLIP.size, WORLD_CLIP.size, WORLD_CLIP.fps), ...vp9(12, 2 * WORLD_CLIP.fps), out],
          worldFrames(),
        ),
      expect: { video: worldVideo('vp9') },
    },
    {
      name: 'world-scenes.mp4',
      inputs: WORLD_SOURCES,
      make: (out) =>
        pipeToFfmpeg(
          ['-y', ...rawInput(WORLD_CLIP.size, WORLD_CLIP.size, WORLD_CLIP.fps), ...h264(14, 2 * WORLD_CLIP.fps), out],
          worldFrames(),
        ),
      expect: { video: worldVideo('h264') },
    },
    {
      name: 'vtest.mp4',
      inputs: () => [join(REAL_PHOTOS, 'vtest.avi')],
      make: (out) => {
        const source = join(REAL_PHOTOS, 'vtest.avi');
        if (!existsSync(source)) throw new Error(`${source} is missing: run \`npm run photos:real\` first`);
        const { width, height, fps, seconds } = VTEST;
        // prettier-ignore
        runFfmpeg([
          '-y', '-i', source, '-t', String(seconds),
          '-vf', `fps=${fps},scale=${width}:${height}:flags=bicubic`, '-frames:v', String(fps * seconds),
          ...h264(20, 2 * fps), out,
        ]);
      },
      expect: {
        video: {
          codec: 'h264',
          width: VTEST.width,
          height: VTEST.height,
          fps: VTEST.fps,
          frames: VTEST.fps * VTEST.seconds,
        },
      },
    },
    {
      name: 'garbage.mp4',
      inputs: () => [],
      make: (out) => writeFileSync(out, garbageBytes()),
      expect: { unreadable: true },
    },
    {
      name: 'truncated.mp4',
      inputs: () => [join(dir, 'world-scenes.mp4')],
      make: (out) => {
        const whole = readFileSync(join(dir, 'world-scenes.mp4'));
        writeFileSync(out, whole.subarray(0, Math.floor(whole.length * 0.4)));
      },
      expect: { truncated: { durationSec: WORLD_FRAMES / WORLD_CLIP.fps, declaredFrames: WORLD_FRAMES } },
    },
    {
      name: 'audio-only.webm',
      inputs: () => [],
      make: (out) => {
        // prettier-ignore
        runFfmpeg([
          '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3',
          '-c:a', 'libopus', '-b:a', '48k', '-vn', ...CLEAN, '-f', 'webm', out,
        ]);
      },
      expect: { audio: { codec: 'opus', seconds: 3 } },
    },
    {
      name: 'bench-60s.json',
      bench: true,
      inputs: photoInputs,
      make: (out) => writeFileSync(out, `${JSON.stringify(benchSidecar('bench-60s'), null, 2)}\n`),
    },
    {
      name: 'bench-60s.mp4',
      bench: true,
      inputs: photoInputs,
      make: (out) => encodeBench('bench-60s', out, 2),
      expect: {
        video: {
          codec: 'h264',
          width: BENCH.width,
          height: BENCH.height,
          fps: BENCH_60S.fps,
          frames: BENCH_60S.seconds * BENCH_60S.fps,
        },
      },
    },
    {
      name: 'bench-10min.json',
      bench: true,
      inputs: photoInputs,
      make: (out) => writeFileSync(out, `${JSON.stringify(benchSidecar('bench-10min'), null, 2)}\n`),
    },
    {
      name: 'bench-10min.mp4',
      bench: true,
      inputs: photoInputs,
      make: (out) => encodeBench('bench-10min', out, 10),
      expect: {
        video: {
          codec: 'h264',
          width: BENCH.width,
          height: BENCH.height,
          fps: BENCH_10MIN.fps,
          frames: BENCH_10MIN.seconds * BENCH_10MIN.fps,
        },
      },
    },
  ];
}

function upToDate(out: string, inputs: readonly string[]): boolean {
  if (!existsSync(out)) return false;
  const made = statSync(out);
  if (made.size === 0) return false;
  return [...SCRIPTS, ...inputs].every((input) => statSync(input).mtimeMs <= made.mtimeMs);
}

/** Checks `file` against `expect` with ffprobe (decoding it to count frames); returns a one-line summary. */
function check(file: string, expect: Expect): string {
  const name = basename(file);
  const fail = (why: string): never => {
    throw new Error(`${name}: ${why}`);
  };
  if (expect.unreadable) {
    try {
      probe(file);
    } catch {
      return 'not readable as media (as meant)';
    }
    return fail('ffprobe reads it, but it is meant to be garbage');
  }
  let p: Probe;
  try {
    p = probe(file, true);
  } catch (error) {
    return fail(`ffprobe cannot read it: ${(error as Error).message}`);
  }
  const videos = p.streams.filter((s) => s.codec_type === 'video');
  const audios = p.streams.filter((s) => s.codec_type === 'audio');
  const duration = Number(p.format.duration);
  if (expect.truncated) {
    const { durationSec, declaredFrames } = expect.truncated;
    const read = Number(videos[0]?.nb_read_frames ?? 0);
    if (videos.length !== 1 || Math.abs(duration - durationSec) > 0.2)
      fail(`metadata should say one video stream of ${durationSec} s, not ${videos.length} of ${duration} s`);
    if (read >= declaredFrames) fail(`all ${read} frames decode; it is meant to fail part way`);
    return `${p.format.format_name}, ${videos[0].codec_name}, declares ${duration.toFixed(3)} s; ${read} of ${declaredFrames} frames decode`;
  }
  if (expect.audio) {
    const [a] = audios;
    if (videos.length !== 0 || audios.length !== 1) fail(`${videos.length} video, ${audios.length} audio streams`);
    if (a.codec_name !== expect.audio.codec) fail(`audio codec ${a.codec_name}`);
    if (Math.abs(duration - expect.audio.seconds) > 0.05) fail(`${duration} s long`);
    return `${p.format.format_name}, ${a.codec_name} ${a.sample_rate} Hz x${a.channels}, no video, ${duration.toFixed(3)} s`;
  }
  const want = expect.video as NonNullable<Expect['video']>;
  if (videos.length !== 1 || audios.length !== 0)
    fail(`${videos.length} video and ${audios.length} audio streams, not 1 and 0`);
  const [v] = videos;
  const frames = Number(v.nb_read_frames);
  if (v.codec_name !== want.codec) fail(`codec ${v.codec_name}, not ${want.codec}`);
  if (v.width !== want.width || v.height !== want.height) fail(`${v.width}x${v.height}`);
  if (v.pix_fmt !== 'yuv420p') fail(`pixel format ${v.pix_fmt}`);
  if (v.avg_frame_rate !== `${want.fps}/1`) fail(`frame rate ${v.avg_frame_rate}`);
  if (frames !== want.frames) fail(`${frames} frames decode, not ${want.frames}`);
  if (Math.abs(duration - want.frames / want.fps) > 1 / want.fps) fail(`${duration} s long`);
  return (
    `${p.format.format_name}, ${v.codec_name} ${v.pix_fmt} ${v.width}x${v.height} ${want.fps} fps, ` +
    `${frames} frames, ${duration.toFixed(3)} s, no audio`
  );
}

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

export interface MakeVideosOptions {
  dir?: string;
  force?: boolean;
  bench?: boolean;
  /** Probe kept outputs too. */
  checkAll?: boolean;
}

/** Makes what is missing or stale; returns the paths of the outputs (made or kept). */
export async function makeVideos(options: MakeVideosOptions = {}): Promise<string[]> {
  const dir = options.dir ?? VIDEOS_DIR;
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  let ffmpegReady = false;
  for (const target of targets(dir)) {
    if (target.bench && !options.bench) continue;
    const out = join(dir, target.name);
    paths.push(out);
    const kept = !options.force && upToDate(out, target.inputs());
    if (!kept) {
      if (!ffmpegReady) ensureFfmpeg(TOOL);
      ffmpegReady = true;
      // ffmpeg picks nothing from the name: every output states its format with -f.
      const part = `${out}.part`;
      rmSync(part, { force: true });
      const began = performance.now();
      try {
        await target.make(part);
      } catch (error) {
        rmSync(part, { force: true });
        throw error;
      }
      renameSync(part, out);
      const seconds = (performance.now() - began) / 1000;
      const summary = target.expect ? `: ${check(out, target.expect)}` : '';
      console.log(`${TOOL}: made ${target.name} (${kB(statSync(out).size)}) in ${seconds.toFixed(1)} s${summary}`);
    } else {
      if (options.checkAll && target.expect) ensureFfmpeg(TOOL);
      const summary = options.checkAll && target.expect ? `: ${check(out, target.expect)}` : '';
      console.log(`${TOOL}: kept ${target.name} (${kB(statSync(out).size)})${summary}`);
    }
  }
  return paths;
}

async function main(): Promise<void> {
  const { values } = parseCli(import.meta.url, {
    options: {
      force: { type: 'boolean', default: false },
      bench: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const began = performance.now();
  const dir = values.out ? resolve(values.out) : VIDEOS_DIR;
  await makeVideos({ dir, force: values.force, bench: values.bench, checkAll: values.check });
  console.log(`${TOOL}: ${dir} ready in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`${TOOL}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
