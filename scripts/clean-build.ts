/**
 * What proves a build free of test scaffolding (src/testing/README.md): texts that only the test build's code
 * and files contain. `npm run check:build` builds the app and scans it; the scan of the test build must find
 * each marker it expects, so a marker that went stale (renamed hook) fails too instead of passing vacuously.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

export interface TestMarker {
  /** Searched in every text file's path and content (case-sensitive). */
  text: string;
  /** What it is evidence of. */
  what: string;
  /** The test build holds it (false: it must be gone from both builds, e.g. a message the UI no longer has). */
  inTestBuild: boolean;
}

export const TEST_MARKERS: readonly TestMarker[] = [
  { text: '__glance', what: 'window.__glance / __glanceLive / __glanceEmbed (src/testing)', inTestBuild: true },
  { text: 'crashForTesting', what: "the test worker's crash hook", inTestBuild: true },
  { text: 'loseDeviceForTesting', what: "the test worker's device-loss hook", inTestBuild: true },
  { text: 'pendingJobs', what: "the test worker's leak check", inTestBuild: true },
  {
    text: 'must list its parts',
    what: "the parts fixture's reader (workers/testing/bundle-parts.ts)",
    inTestBuild: true,
  },
  { text: 'glance-fixture', what: 'the parts fixture bundle (public/models/fixture)', inTestBuild: true },
  { text: 'test fixture', what: 'the UI\'s old "it is a test fixture" notice and label', inTestBuild: false },
];

/** Files read as text; everything else (wasm, onnx, images) is skipped. */
const TEXT_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.md', '.txt', '.webmanifest', '.map']);

/** A build's text files, as paths relative to `dir` with their contents. */
export function readTextFiles(dir: string): { path: string; text: string }[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(at, e.name)) : [join(at, e.name)],
    );
  return walk(dir)
    .filter((file) => TEXT_EXTENSIONS.has(extname(file)))
    .map((file) => ({ path: relative(dir, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}

/** Every `marker in file` of `files` (the path counts as part of the file). */
export function findMarkers(
  files: readonly { path: string; text: string }[],
  markers: readonly TestMarker[] = TEST_MARKERS,
): { marker: TestMarker; path: string }[] {
  return files.flatMap((file) =>
    markers
      .filter((m) => file.path.includes(m.text) || file.text.includes(m.text))
      .map((marker) => ({ marker, path: file.path })),
  );
}

/** Problems of an app build (any marker) and, when given, of a test build (a marker it should hold but lacks). */
export function cleanBuildProblems(
  app: readonly { path: string; text: string }[],
  testBuild: readonly { path: string; text: string }[] | null,
  markers: readonly TestMarker[] = TEST_MARKERS,
): string[] {
  const problems = findMarkers(app, markers).map(
    ({ marker, path }) => `app build: ${path} holds '${marker.text}' (${marker.what})`,
  );
  if (testBuild) {
    const found = new Set(findMarkers(testBuild, markers).map(({ marker }) => marker.text));
    for (const marker of markers) {
      if (marker.inTestBuild && !found.has(marker.text)) {
        problems.push(`test build: no file holds '${marker.text}' (${marker.what}); is the marker stale?`);
      }
      if (!marker.inTestBuild && found.has(marker.text)) {
        problems.push(`test build: '${marker.text}' is back (${marker.what})`);
      }
    }
  }
  return problems;
}
