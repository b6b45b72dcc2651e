import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFor, startBenchServer, type BenchServer } from './static-server';

describe('fileFor', () => {
  it('maps paths inside the folder and refuses ones that climb out', () => {
    expect(fileFor('/srv/app', 'assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(fileFor('/srv/app', '../secret')).toBeNull();
    expect(fileFor('/srv/app', 'a/../../app-other/x')).toBeNull();
    expect(fileFor('/srv/app', '%2e%2e/secret')).toBeNull();
  });
});

describe('startBenchServer', () => {
  let server: BenchServer;
  const root = mkdtempSync(join(tmpdir(), 'bench-server-'));
  const app = join(root, 'app');
  const bundle = join(root, 'bundle');
  const world = join(root, 'world');

  beforeAll(async () => {
    for (const dir of [app, join(bundle, 'onnx'), join(world, 'images')]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(app, 'index.html'), '<html></html>');
    writeFileSync(join(app, 'x.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(bundle, 'config.json'), '{"model_type":"glance-mmser"}');
    writeFileSync(join(world, 'images', '0.png'), 'png');
    mkdirSync(join(root, 'real'), { recursive: true });
    writeFileSync(join(root, 'real', 'config.json'), '{"model_type":"glance-detect"}');
    server = await startBenchServer({
      appDir: app,
      bundleDir: bundle,
      bundles: { 'glance-real-v1': join(root, 'real') },
      extraDirs: { '/world/': world },
      pages: { '/bench-page.html': '<!doctype html><title>bench</title>' },
    });
  });
  afterAll(() => server.close());

  it('serves the app with the cross-origin isolation headers and content types', async () => {
    const index = await fetch(`${server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(index.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const wasm = await fetch(`${server.origin}/x.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-length')).toBe('4');
  });

  it('answers every /models/<name>/ with the bundle under test, and extra folders under their prefix', async () => {
    for (const name of ['fixture', 'glance-world-v3']) {
      expect(await (await fetch(`${server.origin}/models/${name}/config.json`)).text()).toContain('glance-mmser');
    }
    expect(await (await fetch(`${server.origin}/world/images/0.png`)).text()).toBe('png');
  });

  it('answers a bundle named apart (the real-world model) with its own folder', async () => {
    const config = await (await fetch(`${server.origin}/models/glance-real-v1/config.json`)).text();
    expect(config).toContain('glance-detect');
  });

  it('serves its own pages by exact path, isolated like the app, and nothing below them', async () => {
    const page = await fetch(`${server.origin}/bench-page.html`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await page.text()).toBe('<!doctype html><title>bench</title>');
    expect((await fetch(`${server.origin}/bench-page.html/x`)).status).toBe(404);
  });

  it('revalidates with ETag (304) and answers 404 for missing files', async () => {
    const first = await fetch(`${server.origin}/models/a/config.json`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(`${server.origin}/models/a/config.json`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.origin}/nothing.js`)).status).toBe(404);
    expect(server.requests()).toContain('/nothing.js');
  });
});
