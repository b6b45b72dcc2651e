import { describe, expect, it } from 'vitest';
import { bundleFileUrl, resolveBundleUrl } from './resolve-url';

describe('resolveBundleUrl', () => {
  it('keeps a plain folder URL and adds the trailing slash', () => {
    expect(resolveBundleUrl('https://cdn.example.com/models/glance-world-v1')).toEqual({
      baseUrl: 'https://cdn.example.com/models/glance-world-v1/',
      isHub: false,
    });
  });

  it('resolves app-relative folders against the given base', () => {
    const base = 'http://127.0.0.1:5173/assets/worker.js';
    expect(resolveBundleUrl('/models/glance-world-v1', { base }).baseUrl).toBe(
      'http://127.0.0.1:5173/models/glance-world-v1/',
    );
    expect(resolveBundleUrl('./models/x', { base }).baseUrl).toBe('http://127.0.0.1:5173/assets/models/x/');
    expect(resolveBundleUrl('models/x/', { base }).baseUrl).toBe('http://127.0.0.1:5173/assets/models/x/');
  });

  it('reads a bare org/name as a hub repo id', () => {
    const location = resolveBundleUrl('glance/glance-world-v1');
    expect(location).toEqual({ baseUrl: 'https://huggingface.co/glance/glance-world-v1/resolve/main/', isHub: true });
    expect(bundleFileUrl(location, 'onnx/vision_encoder.onnx')).toBe(
      'https://huggingface.co/glance/glance-world-v1/resolve/main/onnx/vision_encoder.onnx',
    );
    expect(resolveBundleUrl('hf:org/name', { revision: 'v2' }).baseUrl).toBe(
      'https://huggingface.co/org/name/resolve/v2/',
    );
    expect(resolveBundleUrl('org/name', { hubHost: 'hub.local' }).baseUrl).toBe(
      'https://hub.local/org/name/resolve/main/',
    );
  });

  it('turns hub page URLs into resolve URLs and keeps a given revision', () => {
    expect(resolveBundleUrl('https://huggingface.co/org/name').baseUrl).toBe(
      'https://huggingface.co/org/name/resolve/main/',
    );
    expect(resolveBundleUrl('https://huggingface.co/org/name/tree/dev').baseUrl).toBe(
      'https://huggingface.co/org/name/resolve/dev/',
    );
    expect(resolveBundleUrl('https://huggingface.co/org/name/resolve/abc123/')).toEqual({
      baseUrl: 'https://huggingface.co/org/name/resolve/abc123/',
      isHub: true,
    });
  });

  it('treats a self-hosted resolve URL as a folder of the same shape', () => {
    expect(resolveBundleUrl('https://mirror.example/org/name/resolve/main')).toEqual({
      baseUrl: 'https://mirror.example/org/name/resolve/main/',
      isHub: true,
    });
  });

  it('rejects empty and malformed input', () => {
    expect(() => resolveBundleUrl('  ')).toThrow(/empty/);
    expect(() => resolveBundleUrl('hf:nonsense')).toThrow(/not a repo id/);
    expect(() => resolveBundleUrl('http://')).toThrow(/not a valid URL/);
  });
});
