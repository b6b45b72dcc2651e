import { describe, expect, it } from 'vitest';
import { bundleUrlForWorker } from './bundle-url';

describe('bundleUrlForWorker', () => {
  const page = 'http://127.0.0.1:4173/glance/index.html?backend=wasm#images';

  it('resolves folders against the page, not the worker script', () => {
    expect(bundleUrlForWorker('models/fixture/', page)).toBe('http://127.0.0.1:4173/glance/models/fixture/');
    expect(bundleUrlForWorker('/models/glance-world-v1', page)).toBe('http://127.0.0.1:4173/models/glance-world-v1/');
    expect(bundleUrlForWorker('./models/x', page)).toBe('http://127.0.0.1:4173/glance/models/x/');
  });

  it('keeps absolute URLs and turns hub repo ids into resolve URLs', () => {
    expect(bundleUrlForWorker('https://cdn.example.org/m/', page)).toBe('https://cdn.example.org/m/');
    expect(bundleUrlForWorker('org/name', page)).toBe('https://huggingface.co/org/name/resolve/main/');
  });

  it('refuses an empty location with InvalidInputError', () => {
    expect(() => bundleUrlForWorker('  ', page)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});
