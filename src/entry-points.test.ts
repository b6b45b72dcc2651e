/**
 * The app (src/main.tsx, src/app) and the widget (embed.html: src/embed) are two entry points over shared parts
 * (src/capture, src/common, src/embed-protocol, src/bridge, src/core, ...): neither imports the other, directly
 * or through a shared module, so each can change without breaking or bloating the other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** Imports still crossing, each with its reason (none today; the list may only shrink). */
const KNOWN_CROSSINGS = new Set<string>();

/** Relative import specifiers of a module (static imports, re-exports, dynamic imports). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1].replace(/\?.*$/, ''));
  return found;
}

/** The file an import resolves to (Vite's rules for extensionless and folder imports), or null. */
function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  const candidates = [base, ...['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext)];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

const rel = (path: string) => relative(ROOT, path).split('\\').join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every `from -> to` edge from files under `dir` into files under `forbidden` (both relative to ROOT). */
function directCrossings(dir: string, forbidden: string): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .map((spec) => resolveImport(file, spec))
      .filter((target): target is string => target !== null && rel(target).startsWith(forbidden))
      .map((target) => `${rel(file)} -> ${rel(target)}`),
  );
}

/** Every file the entry reaches through relative imports that lies under `forbidden`, with the importer. */
function reachableCrossings(entry: string, forbidden: string): string[] {
  const seen = new Set<string>();
  const crossings: string[] = [];
  const queue = [join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, spec);
      if (!target) continue;
      if (rel(target).startsWith(forbidden)) crossings.push(`${rel(file)} -> ${rel(target)}`);
      else queue.push(target);
    }
  }
  return crossings;
}

const unexpected = (crossings: string[]) => crossings.filter((edge) => !KNOWN_CROSSINGS.has(edge));

describe('entry points', () => {
  it('reads imports the way the bundler resolves them', () => {
    expect(specifiers(`import a from './a';\nimport type { B } from "../b";\nexport { c } from './c';`)).toEqual([
      './a',
      '../b',
      './c',
    ]);
    expect(specifiers(`import './x.css';\nconst w = import('./lazy');\nimport x from 'react';`)).toEqual([
      './x.css',
      './lazy',
    ]);
    expect(resolveImport(join(SRC, 'main.tsx'), './capture/live-loop')).toBe(join(SRC, 'capture/live-loop.ts'));
  });

  it('src/embed imports nothing from src/app', () => {
    expect(unexpected(directCrossings('src/embed', 'src/app/'))).toEqual([]);
  });

  it('src/app imports nothing from src/embed', () => {
    expect(unexpected(directCrossings('src/app', 'src/embed/'))).toEqual([]);
  });

  it('the widget does not reach the app, nor the app the widget, through shared modules', () => {
    expect(unexpected(reachableCrossings('src/embed/main.tsx', 'src/app/'))).toEqual([]);
    expect(unexpected(reachableCrossings('src/main.tsx', 'src/embed/'))).toEqual([]);
  });

  it("keeps the two apart in the test build's entries too (src/testing)", () => {
    expect(reachableCrossings('src/testing/embed-main.tsx', 'src/app/')).toEqual([]);
    expect(reachableCrossings('src/testing/app-main.tsx', 'src/embed/')).toEqual([]);
  });

  it('the app and the widget reach nothing of the test build', () => {
    for (const entry of ['src/main.tsx', 'src/embed/main.tsx']) {
      expect(reachableCrossings(entry, 'src/testing/'), entry).toEqual([]);
      expect(reachableCrossings(entry, 'workers/testing/'), entry).toEqual([]);
    }
  });

  it('allows no crossing it does not still find (the known list only shrinks)', () => {
    const found = new Set([...directCrossings('src/embed', 'src/app/'), ...directCrossings('src/app', 'src/embed/')]);
    expect([...KNOWN_CROSSINGS].filter((edge) => !found.has(edge))).toEqual([]);
  });
});
