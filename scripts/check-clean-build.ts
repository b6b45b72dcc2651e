/**
 * `npm run check:build`: builds the app (`npm run build`, into dist/) and fails if it holds any test hook or
 * test fixture (scripts/clean-build.ts). `--test-build DIR` also scans the test build (`vite build --mode e2e`,
 * .cache/e2e-dist after the e2e suite) and fails where it lacks a marker, so the markers cannot go stale.
 *
 *   tsx scripts/check-clean-build.ts dist [--test-build .cache/e2e-dist]
 */
import { existsSync } from 'node:fs';
import { parseCli } from './cli';
import { cleanBuildProblems, readTextFiles, TEST_MARKERS } from './clean-build';

const { values, positionals } = parseCli(import.meta.url, {
  allowPositionals: true,
  options: { 'test-build': { type: 'string' } },
});
const appDir = positionals[0] ?? 'dist';
const testDir = values['test-build'] ?? null;
for (const dir of [appDir, testDir]) {
  if (dir !== null && !existsSync(dir)) throw new Error(`${dir} does not exist: build it first`);
}
const app = readTextFiles(appDir);
const problems = cleanBuildProblems(app, testDir === null ? null : readTextFiles(testDir));
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const scanned = testDir === null ? appDir : `${appDir} (and the test build ${testDir}, which holds them)`;
console.log(`clean: ${app.length} text files of ${scanned}, none with any of ${TEST_MARKERS.length} test markers`);
