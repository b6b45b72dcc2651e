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

  it('are the ones the extern-wasm entry of `onnxruntime-web` loads (dist/ort.min.mjs)', () => {
    const dist = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.mjs'));
    const entry = readFileSync(join(dist, 'ort.min.mjs'), 'utf8');
    const loaded = new Set(entry.match(/ort-wasm-simd-threaded[\w.]*\.mjs/g));
    expect([...loaded]).toEqual(ORT_RUNTIME_FILES.filter((f) => f.endsWith('.mjs')));
  });
});

describe('ortAssetBaseUrl', () => {
  it('is an absolute folder URL on the app origin under its base', () => {
    expect(ortAssetBaseUrl('/', 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/ort/');
    expect(ortAssetBaseUrl('/glance', 'https://example.org')).toBe('https://example.org/glance/ort/');
  });
});
