/**
 * Turns OpenCV's pedestrian clip (.cache/real-photos/vtest.avi, 768x576, 10 fps; `npm run photos:real` fetches
 * it) into .cache/real-photos/vtest-640x480.y4m for Chromium's fake webcam
 * (--use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE): the first SECONDS s at FPS,
 * scaled to 640x480 (the same 4:3 shape, so x and y scale alike by 5/6), yuv420p, limited range (Chromium reads
 * y4m as limited-range BT.601, docs/world.md). 10 s at 10 fps is 100 frames, about 46 MB. Idempotent: an output
 * of the expected size, newer than the clip, is kept. Where the people walk is hand-labelled in
 * scripts/real-photos/vtest-labels.json (docs/real-photos.md).
 * Usage: npm run photos:vtest
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFfmpeg } from '../video/ffmpeg';

const VTEST_WIDTH = 640;
const VTEST_HEIGHT = 480;
const VTEST_FPS = 10;
const VTEST_SECONDS = 10;

const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'real-photos');
const SOURCE = join(CACHE_DIR, 'vtest.avi');
const OUT = join(CACHE_DIR, `vtest-${VTEST_WIDTH}x${VTEST_HEIGHT}.y4m`);
const FRAMES = VTEST_FPS * VTEST_SECONDS;
const FRAME_BYTES = (VTEST_WIDTH * VTEST_HEIGHT * 3) / 2;

function fail(message: string): never {
  console.error(`photos:vtest: ${message}`);
  process.exit(1);
}

/** A y4m of FRAMES frames is FRAMES * (6-byte "FRAME\n" + planes) plus a header of a few dozen bytes. */
function upToDate(): boolean {
  if (!existsSync(OUT)) return false;
  const out = statSync(OUT);
  const body = FRAMES * (6 + FRAME_BYTES);
  return out.mtimeMs >= statSync(SOURCE).mtimeMs && out.size > body && out.size < body + 200;
}

function main(): void {
  if (!existsSync(SOURCE)) fail(`${SOURCE} is missing: run \`npm run photos:real\` first.`);
  if (upToDate()) {
    console.log(`photos:vtest: ${OUT} is up to date`);
    return;
  }
  ensureFfmpeg('photos:vtest');
  const tmp = `${OUT}.tmp`;
  // prettier-ignore
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y', '-i', SOURCE, '-t', String(VTEST_SECONDS),
    '-vf', `fps=${VTEST_FPS},scale=${VTEST_WIDTH}:${VTEST_HEIGHT}:flags=bicubic`,
    '-pix_fmt', 'yuv420p', '-color_range', 'tv', '-frames:v', String(FRAMES), '-f', 'yuv4mpegpipe', tmp,
  ];
  const r = spawnSync('ffmpeg', args, { stdio: 'inherit' });
  if (r.status !== 0) {
    rmSync(tmp, { force: true });
    fail(`ffmpeg ${args.join(' ')} failed`);
  }
  renameSync(tmp, OUT);
  if (!upToDate()) fail(`${OUT} does not hold ${FRAMES} frames of ${VTEST_WIDTH}x${VTEST_HEIGHT}`);
  console.log(`photos:vtest: wrote ${OUT} (${FRAMES} frames, ${(statSync(OUT).size / 1e6).toFixed(1)} MB)`);
}

main();
