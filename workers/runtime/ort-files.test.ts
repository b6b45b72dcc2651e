import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORT_RUNTIME_FILES, ortAssetBaseUrl } from './ort-files';

const require = createRequire(import.meta.url);

describe('ORT runtime files', () => {
  it('exist in the installed onnxruntime-web', () => {
    for (const file of ORT_RUNTIME_FILES)
      expect(existsSync(require.resolve(`onnxruntime-web/${file}`)), file).toBe(true);
  });

  it('are the ones the extern-wasm entries of `onnxruntime-web` and `onnxruntime-web/wasm` load', () => {
    const dist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.mjs'));
    const loads = (entry: string) =>
      new Set(readFileSync(join(dist, entry), 'utf8').match(/ort-wasm-simd-threaded[\w.]*\.mjs/g));
    expect([...loads('ort.min.mjs')]).toEqual(['ort-wasm-simd-threaded.jsep.mjs']);
    expect([...loads('ort.wasm.min.mjs')]).toEqual(['ort-wasm-simd-threaded.mjs']);
    const mjs = ORT_RUNTIME_FILES.filter((f) => f.endsWith('.mjs'));
    expect(mjs.sort()).toEqual(['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.mjs']);
    for (const file of mjs) expect(ORT_RUNTIME_FILES).toContain(file.replace(/\.mjs$/, '.wasm'));
  });
});

describe('ortAssetBaseUrl', () => {
  it('is an absolute folder URL on the app origin under its base', () => {
    expect(ortAssetBaseUrl('/', 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/ort/');
    expect(ortAssetBaseUrl('/glance', 'https://example.org')).toBe('https://example.org/glance/ort/');
  });
});
