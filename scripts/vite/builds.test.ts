/**
 * Builds the app and the test build (`--mode e2e`) into temporary folders and scans both (scripts/clean-build.ts):
 * the app's build must hold no test hook, the test build every hook the e2e suite, the bench and the soak use.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanBuildProblems, readTextFiles } from '../clean-build';
import { TEST_BUILD_MODE, TEST_ONLY_PUBLIC } from './test-build-plugin';

const ROOT = resolve(import.meta.dirname, '..', '..');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

function build(outDir: string, mode: string | null): void {
  const args = [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'];
  if (mode) args.push('--mode', mode);
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build ${mode ?? ''} failed:\n${result.stderr}`);
}

describe('the builds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glance-builds-'));
  const appDir = join(dir, 'app');
  const testDir = join(dir, 'test');

  beforeAll(() => {
    build(appDir, null);
    build(testDir, TEST_BUILD_MODE);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the app holds no test hook, fixture or test entry; the test build holds every one', () => {
    expect(cleanBuildProblems(readTextFiles(appDir), readTextFiles(testDir))).toEqual([]);
  });

  it('the app leaves out the test-only public files, which the test build keeps', () => {
    for (const path of TEST_ONLY_PUBLIC) {
      expect(existsSync(join(appDir, path)), path).toBe(false);
      expect(existsSync(join(testDir, path)), path).toBe(true);
    }
  });
});
