import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsStale, newestMtime } from './build-age';

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'build-age-'));
  const src = join(root, 'src');
  const dist = join(root, 'dist');
  mkdirSync(join(src, 'app'), { recursive: true });
  mkdirSync(dist);
  const at = (file: string, seconds: number) => {
    writeFileSync(file, 'x');
    utimesSync(file, seconds, seconds);
  };
  return { src, dist, at };
}

describe('buildIsStale', () => {
  it('is stale without an index.html, fresh when it is newer than every source', () => {
    const { src, dist, at } = tree();
    at(join(src, 'app', 'a.ts'), 1000);
    expect(buildIsStale(dist, [src])).toBe(true);
    at(join(dist, 'index.html'), 2000);
    expect(buildIsStale(dist, [src])).toBe(false);
  });

  it('is stale when a source deep in a folder changed after the build, but not for a test file', () => {
    const { src, dist, at } = tree();
    at(join(dist, 'index.html'), 2000);
    at(join(src, 'app', 'a.test.ts'), 3000);
    expect(buildIsStale(dist, [src])).toBe(false);
    at(join(src, 'app', 'b.tsx'), 3000);
    expect(buildIsStale(dist, [src])).toBe(true);
    expect(newestMtime(src)).toBe(3_000_000);
  });

  it('ignores sources that do not exist', () => {
    const { dist, at } = tree();
    at(join(dist, 'index.html'), 2000);
    expect(buildIsStale(dist, [join(dist, 'nothing-here')])).toBe(false);
  });
});
