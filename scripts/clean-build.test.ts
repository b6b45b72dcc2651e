import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanBuildProblems, findMarkers, readTextFiles, TEST_MARKERS, type TestMarker } from './clean-build';

const MARKERS: TestMarker[] = [
  { text: '__glance', what: 'the hook', inTestBuild: true },
  { text: 'old notice', what: 'a removed message', inTestBuild: false },
];

describe('findMarkers', () => {
  it('finds markers in contents and in paths', () => {
    const found = findMarkers(
      [
        { path: 'assets/main.js', text: 'window.__glance={client:c}' },
        { path: 'assets/__glance-chunk.js', text: '' },
        { path: 'index.html', text: '<p>fine</p>' },
      ],
      MARKERS,
    );
    expect(found.map(({ marker, path }) => `${marker.text} in ${path}`)).toEqual([
      '__glance in assets/main.js',
      '__glance in assets/__glance-chunk.js',
    ]);
  });

  it("knows the test worker's hooks and window.__glance", () => {
    const texts = TEST_MARKERS.map((m) => m.text);
    expect(texts).toEqual(
      expect.arrayContaining(['__glance', 'crashForTesting', 'loseDeviceForTesting', 'pendingJobs']),
    );
  });
});

describe('cleanBuildProblems', () => {
  const app = [{ path: 'assets/main.js', text: 'load();caption()' }];
  const testBuild = [{ path: 'assets/main.js', text: 'window.__glance=1' }];

  it('passes a clean app build whose test build holds every expected marker', () => {
    expect(cleanBuildProblems(app, testBuild, MARKERS)).toEqual([]);
    expect(cleanBuildProblems(app, null, MARKERS)).toEqual([]);
  });

  it('names the file and the marker of an app build that holds a hook', () => {
    expect(cleanBuildProblems([...app, { path: 'assets/w.js', text: 'x.__glance' }], null, MARKERS)).toEqual([
      "app build: assets/w.js holds '__glance' (the hook)",
    ]);
  });

  it('fails a stale marker (the test build lacks it) and a removed text that came back', () => {
    expect(cleanBuildProblems(app, [{ path: 'a.js', text: 'old notice' }], MARKERS)).toEqual([
      "test build: no file holds '__glance' (the hook); is the marker stale?",
      "test build: 'old notice' is back (a removed message)",
    ]);
  });
});

describe('readTextFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clean-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads text files under a build folder, with forward-slash paths, skipping binaries', () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'code');
    writeFileSync(join(dir, 'assets', 'm.wasm'), Buffer.from([0, 97, 115, 109]));
    const files = readTextFiles(dir).sort((a, b) => a.path.localeCompare(b.path));
    expect(files).toEqual([
      { path: 'assets/a.js', text: 'code' },
      { path: 'index.html', text: '<html>' },
    ]);
  });
});
