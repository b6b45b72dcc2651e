/**
 * The app's JS size, gzip: the JS files the built index.html reaches (its scripts, the chunks they import, the
 * worker, and what its service worker precaches), found by following file names through the files' text. onnxruntime-web's JS is bundled into the
 * worker chunk; its own module's gzip size is subtracted (an estimate: gzip sizes do not add exactly). ORT's
 * .wasm/.mjs under ort/ and the model are not JS of the app and are not counted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { JsFile, JsSize } from '../../src/bench/bench-types';

/** A text every build of onnxruntime-web's JS contains (its InferenceSession error text), to find its chunk. */
const ORT_MARKER = 'onnxruntime';

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

export function measureJsSize(appDir: string, ortModule: string): JsSize {
  const files: JsFile[] = reachableJs(appDir).map((file) => {
    const bytes = readFileSync(file);
    return {
      file: relative(appDir, file),
      bytes: bytes.length,
      gzipBytes: gzipBytes(bytes),
      hasOrt: bytes.toString('utf8').includes(ORT_MARKER) && bytes.length > 100_000,
    };
  });
  const ortGzipBytes = existsSync(ortModule) ? gzipBytes(readFileSync(ortModule)) : 0;
  const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  const subtract = files.some((f) => f.hasOrt) ? ortGzipBytes : 0;
  return { files, ortGzipBytes: subtract, appGzipBytes: total - subtract };
}
