import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchFiles } from './fetch-files';
import type { LoadProgress } from './wire';

/** A Response whose body arrives in the given chunks. */
function chunked(chunks: number[][], withLength = true): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(Uint8Array.from(c));
      controller.close();
    },
  });
  const size = chunks.reduce((n, c) => n + c.length, 0);
  return new Response(body, { headers: withLength ? { 'Content-Length': String(size) } : {} });
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchFiles', () => {
  it('returns each file and reports bytes summed over files', async () => {
    const served: Record<string, () => Response> = {
      'http://h/b/a.onnx': () => chunked([[1, 2], [3]]),
      'http://h/b/onnx/c.onnx': () => chunked([[4, 5, 6, 7]]),
    };
    vi.stubGlobal('fetch', async (url: string) => served[url]());
    const progress: LoadProgress[] = [];
    const files = await fetchFiles('http://h/b/', ['a.onnx', 'onnx/c.onnx'], (p) => progress.push(p));

    expect([...files.get('a.onnx')!]).toEqual([1, 2, 3]);
    expect([...files.get('onnx/c.onnx')!]).toEqual([4, 5, 6, 7]);
    expect(progress.every((p) => p.totalBytes === 7 && p.phase === 'download')).toBe(true);
    expect(progress.at(-1)!.loadedBytes).toBe(7);
    const loaded = progress.map((p) => p.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
  });

  it('reports an unknown total when a server omits Content-Length', async () => {
    vi.stubGlobal('fetch', async () => chunked([[1]], false));
    const progress: LoadProgress[] = [];
    await fetchFiles('http://h/', ['x'], (p) => progress.push(p));
    expect(progress.at(-1)).toMatchObject({ loadedBytes: 1, totalBytes: null });
  });

  it('names the URL of an HTTP error or a network failure in a ModelLoadError', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
    await expect(fetchFiles('http://h/m/', ['config.json'], () => undefined)).rejects.toMatchObject({
      name: 'ModelLoadError',
      message: expect.stringContaining('http://h/m/config.json: HTTP 404'),
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchFiles('http://h/m/', ['x'], () => undefined)).rejects.toMatchObject({ name: 'ModelLoadError' });
  });
});
