/**
 * The app's JS size, gzip: the JS files the built index.html reaches (its scripts, the chunks they import, the
 * worker, and what its service worker precaches), found by following file names through the files' text.
 * Libraries the worker imports on demand are not the app's: one of onnxruntime-web's two entries at the first
 * model load (workers/runtime/ort-env.ts), transformers.js only when a hub model is loaded (workers/runtime/hub/).
 * The build emits each as a chunk of its own, named after its module (`ort.min-*.js`, `ort.wasm.min-*.js`,
 * `transformers.web-*.js`); those chunks are listed, marked and left out of the total. ORT's .wasm/.mjs under ort/
 * and the model are not JS of the app and are not counted.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { JsFile, JsSize } from '../../src/bench/bench-types';

/** Library chunks, named by Vite after their module (dist/ort.min.mjs, dist/ort.wasm.min.mjs, transformers.web.js). */
const LIBRARY_CHUNKS: readonly [RegExp, NonNullable<JsFile['library']>][] = [
  [/^ort(\.[a-z]+)*\.min-[\w-]+\.js$/, 'onnxruntime-web'],
  [/^transformers\.web-[\w-]+\.js$/, 'transformers.js'],
];

function libraryOf(file: string): JsFile['library'] {
  return LIBRARY_CHUNKS.find(([pattern]) => pattern.test(basename(file)))?.[1] ?? null;
}

const gzipBytes = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** JS files reachable from index.html by name. */
export function reachableJs(appDir: string): string[] {
  const candidates = listFiles(appDir).filter((f) => f.endsWith('.js') && !relative(appDir, f).startsWith('ort'));
  const reached = new Set<string>();
  const queue = [readFileSync(join(appDir, 'index.html'), 'utf8')];
  while (queue.length > 0) {
    const text = queue.pop()!;
    for (const file of candidates) {
      const name = relative(appDir, file).split('/').pop()!;
      if (reached.has(file) || !text.includes(name)) continue;
      reached.add(file);
      queue.push(readFileSync(file, 'utf8'));
    }
  }
  return [...reached].sort();
}

export function measureJsSize(appDir: string): JsSize {
  const files: JsFile[] = reachableJs(appDir).map((file) => {
    const bytes = readFileSync(file);
    const name = relative(appDir, file);
    return { file: name, bytes: bytes.length, gzipBytes: gzipBytes(bytes), library: libraryOf(name) };
  });
  const libraryGzipBytes = files.filter((f) => f.library).reduce((sum, f) => sum + f.gzipBytes, 0);
  const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, libraryGzipBytes, appGzipBytes: total - libraryGzipBytes };
}
