/**
 * `npm run soak`: streams the demo camera through the built app's Live view for many captions and checks that
 * the captioner worker does not grow (docs/reliability.md): JS heap and WebAssembly memory from the first sample
 * after warm-up to the last, ORT tensors in flight and left when idle, no failed caption.
 *
 *   npm run soak                       2,000 captions after 50 of warm-up (the run; ~10 min here)
 *   npm run soak -- --frames 300       CI's run (scripts/run-tests.mjs)
 *   options: --frames N  --warmup N  --samples N (readings in the run)  --style short|detailed
 *            --y4m FILE (Chromium's fake webcam plays it, and the Live view captions the webcam, not the demo)
 *            --model DIR (bundle served as the app's model; default public/models/glance-world-v3)
 *            --no-build (reuse .cache/soak-dist)  --out FILE.json
 *
 * Exits 1 when a bound is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCli } from './cli';
import type { CaptionStyle } from '../src/core/bundle/config';
import { startBenchServer } from './bench/static-server';
import { CHROMIUM_PATH } from './chromium-flags';
import { DEFAULT_BOUNDS, judgeSoak } from './soak-bounds';
import { runSoak } from './soak-run';

const APP_DIR = '.cache/soak-dist';

const { values } = parseCli(import.meta.url, {
  options: {
    frames: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '50' },
    samples: { type: 'string', default: '10' },
    style: { type: 'string', default: 'short' },
    model: { type: 'string', default: 'public/models/glance-world-v3' },
    y4m: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const frames = positive('frames', values.frames);
  const warmupFrames = positive('warmup', values.warmup);
  const sampleEvery = Math.max(1, Math.floor(frames / positive('samples', values.samples)));
  if (values.style !== 'short' && values.style !== 'detailed') throw new Error('--style must be short or detailed');
  const style: CaptionStyle = values.style;

  if (!values['no-build']) {
    // The test build (src/testing/README.md): the soak counts jobs through window.__glance.
    console.log(`building the test build into ${APP_DIR} ...`);
    const vite = resolve('node_modules/vite/bin/vite.js');
    const build = spawnSync(
      process.execPath,
      [vite, 'build', '--mode', 'e2e', '--outDir', APP_DIR, '--emptyOutDir', '--logLevel', 'warn'],
      {
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const server = await startBenchServer({ appDir: APP_DIR, bundleDir: values.model! });
  const source = values.y4m ? `the fake webcam playing ${values.y4m}` : 'the demo camera';
  console.log(
    `soak: ${frames} captions of ${source} (${style}, refined) after ${warmupFrames} of warm-up, model ${values.model}`,
  );
  try {
    const run = await runSoak({
      executablePath: CHROMIUM_PATH,
      origin: server.origin,
      frames,
      warmupFrames,
      sampleEvery,
      style,
      y4m: values.y4m ? resolve(values.y4m) : null,
      log: (line) => console.log(line),
    });
    const checks = judgeSoak(run.samples, run.idle, run.errors, DEFAULT_BOUNDS);
    const seconds = run.durationMs / 1000;
    console.log(
      `\n${run.frames} captions in ${seconds.toFixed(0)} s (${(run.frames / seconds).toFixed(1)}/s) on ` +
        `${run.backend} x${run.wasmThreads}, model ${run.model}`,
    );
    for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}`);
    if (run.lastError) console.log(`last error: ${run.lastError}`);
    if (values.out) {
      mkdirSync(dirname(resolve(values.out)), { recursive: true });
      writeFileSync(values.out, JSON.stringify({ options: values, bounds: DEFAULT_BOUNDS, ...run, checks }, null, 1));
    }
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  } finally {
    await server.close();
  }
}

main().catch((error: Error) => {
  console.error(`soak: ${error.message}`);
  process.exit(1);
});
