import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measureJsSize, reachableJs } from './js-size';

/** A build: index.html -> main.js -> chunk.js -> worker.js (holds ORT); other.js and ort/ are not the app's. */
function fakeBuild(): { dir: string; ort: string } {
  const dir = mkdtempSync(join(tmpdir(), 'js-size-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'ort'));
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/assets/main-1.js"></script>');
  writeFileSync(join(dir, 'assets', 'main-1.js'), 'import "./chunk-2.js";');
  writeFileSync(join(dir, 'assets', 'chunk-2.js'), 'new Worker(new URL("worker-3.js", import.meta.url));');
  const ortText = `/* onnxruntime */ ${'x'.repeat(120_000)}`;
  writeFileSync(join(dir, 'assets', 'worker-3.js'), `${ortText} self.onmessage = () => {};`);
  writeFileSync(join(dir, 'assets', 'other-4.js'), 'console.log("embed");');
  writeFileSync(join(dir, 'ort', 'ort-wasm.mjs'), 'main-1.js');
  const ort = join(dir, 'ort-module.mjs');
  writeFileSync(ort, ortText);
  return { dir, ort };
}

describe('app JS size', () => {
  it('follows file names from index.html through the chunks to the worker', () => {
    const { dir } = fakeBuild();
    expect(reachableJs(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      'assets/chunk-2.js',
      'assets/main-1.js',
      'assets/worker-3.js',
    ]);
  });

  it('subtracts ORT from the chunk that holds it', () => {
    const { dir, ort } = fakeBuild();
    const size = measureJsSize(dir, ort);
    expect(size.files.map((f) => f.hasOrt)).toEqual([false, false, true]);
    const total = size.files.reduce((s, f) => s + f.gzipBytes, 0);
    expect(size.ortGzipBytes).toBe(gzipSync(`/* onnxruntime */ ${'x'.repeat(120_000)}`, { level: 9 }).length);
    expect(size.appGzipBytes).toBe(total - size.ortGzipBytes);
  });
});
