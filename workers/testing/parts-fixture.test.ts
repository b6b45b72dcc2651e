import { describe, expect, it } from 'vitest';
import { resolveBundleUrl } from '../../src/core/bundle/resolve-url';
import { downloadBundle } from '../runtime/download-bundle';
import type { LoadProgress } from '../runtime/wire';
import { isPartsFixture, readPartsFixture } from './parts-fixture';

const BASE = 'http://app.test/models/fixture/';
const FIXTURE_CONFIG = { model_type: 'glance-fixture', parts: ['embed_tokens', 'linear'] };

/** A server holding the fixture's files; every requested URL is noted. */
function server(files: Record<string, Uint8Array | string>) {
  const requested: string[] = [];
  const fetch = async (url: string) => {
    requested.push(url.slice(BASE.length));
    const body = files[url.slice(BASE.length)];
    if (body === undefined) return new Response('missing', { status: 404 });
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.length) } });
  };
  return { fetch, requested };
}

describe('isPartsFixture', () => {
  it("takes a config that lists its parts under a model_type that is not a captioner's", () => {
    expect(isPartsFixture(FIXTURE_CONFIG)).toBe(true);
    expect(isPartsFixture({ model_type: 'glance-mmser', parts: ['x'] })).toBe(false);
    expect(isPartsFixture({ model_type: 'glance-detect', parts: ['detector'] })).toBe(false);
    expect(isPartsFixture({ model_type: 'other', parts: ['x'] })).toBe(true);
    expect(isPartsFixture({ model_type: 'other' })).toBe(false);
    expect(isPartsFixture(null)).toBe(false);
  });
});

describe('readPartsFixture through downloadBundle', () => {
  const location = resolveBundleUrl(BASE);

  it('reads the listed parts with byte progress; no captioner, nothing cached', async () => {
    const { fetch, requested } = server({
      'config.json': JSON.stringify(FIXTURE_CONFIG),
      'onnx/embed_tokens.onnx': new Uint8Array([1, 2, 3]),
      'onnx/linear.onnx': new Uint8Array([4, 5]),
    });
    const progress: LoadProgress[] = [];
    const bundle = await downloadBundle(location, { fetch, onProgress: (p) => progress.push(p) }, readPartsFixture);
    expect(bundle.modelType).toBe('glance-fixture');
    expect([...bundle.parts.entries()]).toEqual([
      ['embed_tokens', new Uint8Array([1, 2, 3])],
      ['linear', new Uint8Array([4, 5])],
    ]);
    expect(bundle.createEngine).toBeUndefined();
    expect(bundle.cachedFiles).toEqual([]);
    expect(requested).toEqual(['config.json', 'onnx/embed_tokens.onnx', 'onnx/linear.onnx']);
    expect(progress.at(-1)).toMatchObject({ phase: 'download', loadedBytes: 5, totalBytes: 5 });
  });

  it("leaves any other bundle to src/core's loader, which refuses an unknown model_type without the reader", async () => {
    const { fetch } = server({ 'config.json': JSON.stringify(FIXTURE_CONFIG) });
    const refused = downloadBundle(location, { fetch, onProgress: () => undefined });
    await expect(refused).rejects.toMatchObject({ name: 'ModelFormatError' });
    expect(await readPartsFixture(location, { model_type: 'glance-mmser' }, { fetch, onProgress: () => {} })).toBe(
      null,
    );
  });
});
