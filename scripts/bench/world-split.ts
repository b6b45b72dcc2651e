/**
 * Makes sure a world split exists before eval or bench read it: on a fresh clone data/world/ is empty, so the
 * split is generated with the world's dataset CLI (`npm run world`), deterministically from its seed. The folder's
 * name is the split's (src/world/splits.ts): data/world/test, data/world/test-crowded, data/world/test-empty, ...
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isSplit, SPLIT_NAMES } from '../../src/world/splits';

/** Scenes in the fixed test split (data/world/READY of the training data says the same). */
export const WORLD_TEST_COUNT = 1000;

/** Generates `<out>/<split>` when its captions.json is missing; returns the seconds it took, or null. */
export function ensureWorldSplit(dataDir: string, count = WORLD_TEST_COUNT): number | null {
  if (existsSync(join(dataDir, 'captions.json'))) return null;
  const split = basename(dataDir);
  if (!isSplit(split)) {
    throw new Error(
      `${dataDir}/captions.json not found (and "${split}" is not a world split that could be generated: ` +
        `${SPLIT_NAMES.join(', ')})`,
    );
  }
  console.log(`${dataDir} is missing: generating the world's ${split} split (${count} scenes)...`);
  const started = performance.now();
  const run = spawnSync(
    'npm',
    ['run', '--silent', 'world', '--', '--split', split, '--count', String(count), '--out', dirname(dataDir)],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error(`npm run world failed (${run.signal ?? `exit ${run.status}`})`);
  return (performance.now() - started) / 1000;
}
