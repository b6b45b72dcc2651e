import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDetectorFiles } from './hub-detector';

const BASE = 'https://app.example/assets/captioner.worker.js';
const CONFIG = {
  model_type: 'glance-detect',
  format_version: 1,
  parts: ['detector'],
  frame_max_side: 1600,
  detector: { input_size: 512, look_size: 320 },
  regions: { k: 3 },
};
const ONNX = new Uint8Array([8, 1, 2, 3]);

/** A server with the default bundle's files (those in `files`), a Cache API stand-in, and what was asked. */
function world(files: Record<string, BodyInit>, cached: Record<string, Uint8Array<ArrayBuffer>> = {}) {
  const asked: string[] = [];
  const stored = new Map<string, Uint8Array<ArrayBuffer>>(Object.entries(cached));
  const fetchFn = async (url: string) => {
    asked.push(url);
    const path = url.replace('https://app.example', '');
    return path in files ? new Response(files[path]) : new Response('not found', { status: 404 });
  };
  const cache = {
    match: async (url: string) => (stored.has(url) ? new Response(stored.get(url)!) : undefined),
    put: async (url: string, response: Response) => void stored.set(url, new Uint8Array(await response.arrayBuffer())),
  };
  return { fetchFn, cache, asked, stored };
}

describe('readDetectorFiles', () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads the default bundle's detector from the bundle cache, with its input size", async () => {
    const url = (file: string) => `https://app.example/models/glance-real-v1/${file}`;
    const { fetchFn, cache, asked } = world(
      {},
      { [url('config.json')]: new TextEncoder().encode(JSON.stringify(CONFIG)), [url('onnx/detector.onnx')]: ONNX },
    );
    const files = await readDetectorFiles(fetchFn, cache, BASE);
    expect(files).toEqual({ bytes: ONNX, inputSize: 512 });
    expect(asked).toEqual([]);
  });

  it('downloads it from the app when it is not cached, and keeps it', async () => {
    const { fetchFn, cache, stored } = world({
      '/models/glance-real-v1/config.json': JSON.stringify(CONFIG),
      '/models/glance-real-v1/onnx/detector.onnx': ONNX,
    });
    expect(await readDetectorFiles(fetchFn, cache, BASE)).toEqual({ bytes: ONNX, inputSize: 512 });
    expect([...stored.keys()]).toEqual([
      'https://app.example/models/glance-real-v1/config.json',
      'https://app.example/models/glance-real-v1/onnx/detector.onnx',
    ]);
  });

  it('gives null and warns, never throws, when the detector cannot be read (offline, missing, broken)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await readDetectorFiles(offline, undefined, BASE)).toBeNull();
    const missing = world({ '/models/glance-real-v1/config.json': JSON.stringify(CONFIG) });
    expect(await readDetectorFiles(missing.fetchFn, missing.cache, BASE)).toBeNull();
    const broken = world({ '/models/glance-real-v1/config.json': '{"model_type": "glance-detect"' });
    expect(await readDetectorFiles(broken.fetchFn, broken.cache, BASE)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn.mock.calls[1][0]).toMatch(
      /^Glance: the real-world detector could not be read; hub models look where the colours differ instead \(onnx\/detector\.onnx not found/,
    );
  });
});
