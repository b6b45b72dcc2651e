// `npm test`: every test stage in order, stopping at the first failure, with each stage's time in the log
// (CI must stay under 25 minutes). To add a stage (e.g. the Python training tests), add a line to STAGES.
import { spawnSync } from 'node:child_process';

const STAGES = [
  // The real-world model's ONNX files are converted from an npm package, the photos come from Debian packages,
  // the test videos are made from both with Debian's ffmpeg (scripts/video/README.md).
  ['models, photos and videos', 'npm run models:real && npm run photos:real && npm run videos:test'],
  // The converted models against the original TF.js ones on a real photo (docs/model-conversion.md).
  ['parity (TF.js vs ONNX)', 'npm run models:parity -- .cache/real-photos/photos/person.jpg'],
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['format (prettier --check)', 'npm run format:check'],
  ['unit (vitest)', 'npm run test:unit'],
  ['training (pytest)', 'npm run test:py'],
  ['e2e (playwright)', 'npm run test:e2e'],
  // The fake webcam's 640x480 clip, 600 captions after 300 of warm-up: the renderer's slope is fitted under the
  // image cache's ~1,000-entry cap (docs/reliability.md, "Live memory").
  [
    'soak (600 webcam captions, docs/reliability.md)',
    'npm run soak -- --frames 600 --warmup 300 --samples 12 --y4m .cache/real-photos/vtest-640x480.y4m',
  ],
];

const times = [];
for (const [name, command] of STAGES) {
  console.log(`\n=== ${name}: ${command}`);
  const started = Date.now();
  const { status, signal } = spawnSync(command, { stdio: 'inherit', shell: true });
  const seconds = (Date.now() - started) / 1000;
  times.push(`${name} ${seconds.toFixed(1)} s`);
  if (status !== 0) {
    console.error(`\n=== ${name} FAILED (${signal ?? `exit ${status}`}) after ${seconds.toFixed(1)} s`);
    process.exit(status || 1);
  }
}
console.log(`\n=== all stages passed: ${times.join(', ')}`);
