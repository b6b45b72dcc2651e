/**
 * Whether a build folder is older than the sources it was built from, so `--quick` reuses a build only while it
 * still holds what the sources say (a test build made before a new place was added would time out waiting for it).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the builds are made of (the model bundles are served, not built, and are left out). */
export const BUILD_SOURCES: readonly string[] = [
  'src',
  'workers',
  'index.html',
  'embed.html',
  'vite.config.ts',
  'package.json',
];

/** The newest modification time (ms) of `path` and, for a folder, everything below it but `*.test.*` files. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isFile() && /\.test\.[cm]?[jt]sx?$/.test(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** True when `dir` has no index.html or a source is newer than it. */
export function buildIsStale(dir: string, sources: readonly string[] = BUILD_SOURCES): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return sources.some((source) => newestMtime(source) > built);
}
