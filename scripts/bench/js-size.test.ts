import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measureJsSize, reachableJs } from './js-size';

/**
 * A build: index.html -> main.js -> chunk.js -> worker.js -> ORT's two entry chunks and transformers.js (imported
 * on demand); other.js and ort/ are not reached.
 */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'js-size-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'ort'));
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/assets/main-1.js"></script>');
  writeFileSync(join(dir, 'assets', 'main-1.js'), 'import "./chunk-2.js";');
  writeFileSync(join(dir, 'assets', 'chunk-2.js'), 'new Worker(new URL("worker-3.js", import.meta.url));');
  writeFileSync(
    join(dir, 'assets', 'worker-3.js'),
    'const ort = () => import("./ort.min-AB1.js"); const wasm = () => import("./ort.wasm.min-CD_2.js"); /* onnxruntime could not load it */ const hub = () => import("./transformers.web-EF3.js");',
  );
  writeFileSync(join(dir, 'assets', 'transformers.web-EF3.js'), `/* transformers */ ${'z'.repeat(80_000)}`);
  writeFileSync(join(dir, 'assets', 'ort.min-AB1.js'), `/* onnxruntime */ ${'x'.repeat(120_000)}`);
  writeFileSync(join(dir, 'assets', 'ort.wasm.min-CD_2.js'), `/* onnxruntime */ ${'y'.repeat(50_000)}`);
  writeFileSync(join(dir, 'assets', 'other-4.js'), 'console.log("embed");');
  writeFileSync(join(dir, 'ort', 'ort-wasm.mjs'), 'main-1.js');
  return dir;
}

describe('app JS size', () => {
  it('follows file names from index.html through the chunks to the worker', () => {
    const dir = fakeBuild();
    expect(reachableJs(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      'assets/chunk-2.js',
      'assets/main-1.js',
      'assets/ort.min-AB1.js',
      'assets/ort.wasm.min-CD_2.js',
      'assets/transformers.web-EF3.js',
      'assets/worker-3.js',
    ]);
  });

  it("leaves the on-demand libraries' chunks out of the app's total, not a chunk that only names them", () => {
    const dir = fakeBuild();
    const size = measureJsSize(dir);
    expect(size.files.map((f) => f.library)).toEqual([
      null,
      null,
      'onnxruntime-web',
      'onnxruntime-web',
      'transformers.js',
      null,
    ]);
    const gz = (text: string) => gzipSync(text, { level: 9 }).length;
    const libraries =
      gz(`/* onnxruntime */ ${'x'.repeat(120_000)}`) +
      gz(`/* onnxruntime */ ${'y'.repeat(50_000)}`) +
      gz(`/* transformers */ ${'z'.repeat(80_000)}`);
    expect(size.libraryGzipBytes).toBe(libraries);
    const total = size.files.reduce((s, f) => s + f.gzipBytes, 0);
    expect(size.appGzipBytes).toBe(total - libraries);
  });
});
