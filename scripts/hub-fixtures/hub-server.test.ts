import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ROOT, REPO_ID } from './design';
import { startHubServer, type HubServer } from './hub-server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A raw request: fetch() would normalize `..` segments away before they reach the server. */
function rawRequest(
  server: HubServer,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('hub server', () => {
  let server: HubServer;
  beforeAll(async () => {
    server = await startHubServer({ root: join(repoRoot, FIXTURE_ROOT), port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves a file at /ORG/NAME/resolve/REVISION/FILE with the hub headers', async () => {
    const res = await fetch(`${server.url}${REPO_ID}/resolve/main/config.json`);
    const expected = readFileSync(join(repoRoot, FIXTURE_ROOT, REPO_ID, 'config.json'));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);
    expect(res.headers.get('content-length')).toBe(String(expected.length));
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Length, ETag/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('serves nested files, any revision, HEAD and byte ranges', async () => {
    const path = `${REPO_ID}/resolve/0123abc/onnx/encoder_model.onnx`;
    const size = readFileSync(join(repoRoot, FIXTURE_ROOT, REPO_ID, 'onnx/encoder_model.onnx')).length;
    const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
    const probe = await fetch(`${server.url}${path}`, { headers: { Range: 'bytes=0-0' } });
    expect(probe.status).toBe(206);
    expect(probe.headers.get('content-range')).toBe(`bytes 0-0/${size}`);
    expect((await probe.arrayBuffer()).byteLength).toBe(1);
  });

  it('names a configured size in X-Linked-Size, as the hub does for LFS files, and nothing for others', async () => {
    const file = 'onnx/decoder_model_merged_quantized.onnx';
    const big = await startHubServer({
      root: join(repoRoot, FIXTURE_ROOT),
      linkedSizes: { [`${REPO_ID}/${file}`]: 7e8 },
    });
    try {
      const head = await fetch(`${big.url}${REPO_ID}/resolve/main/${file}`, { method: 'HEAD' });
      expect(head.headers.get('x-linked-size')).toBe('700000000');
      expect(head.headers.get('access-control-expose-headers')).toMatch(/X-Linked-Size/);
      const other = await fetch(`${big.url}${REPO_ID}/resolve/main/config.json`, { method: 'HEAD' });
      expect(other.headers.get('x-linked-size')).toBeNull();
    } finally {
      await big.close();
    }
  });

  it('answers 404 like the hub for a missing repo and a missing file', async () => {
    const repo = await fetch(`${server.url}glance-test/no-such-model/resolve/main/config.json`);
    expect(repo.status).toBe(404);
    expect(repo.headers.get('x-error-code')).toBe('RepoNotFound');
    expect(await repo.json()).toEqual({ error: 'Repository not found' });

    const file = await fetch(`${server.url}${REPO_ID}/resolve/main/onnx/missing.onnx`);
    expect(file.status).toBe(404);
    expect(file.headers.get('x-error-code')).toBe('EntryNotFound');
    expect(await file.json()).toEqual({ error: 'Entry not found' });
    expect(file.headers.get('access-control-allow-origin')).toBe('*');

    // A directory is not an entry either.
    expect((await fetch(`${server.url}${REPO_ID}/resolve/main/onnx`)).status).toBe(404);
  });

  it('answers a CORS preflight', async () => {
    const res = await rawRequest(server, `/${REPO_ID}/resolve/main/config.json`, 'OPTIONS', {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'range',
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(res.headers['access-control-allow-headers']).toBe('range');
  });

  it('refuses path traversal, plain or percent-encoded', async () => {
    for (const path of [
      `/${REPO_ID}/resolve/main/../../../../package.json`,
      `/${REPO_ID}/resolve/main/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json`,
      `/${REPO_ID}/resolve/main/..%2f..%2f..%2f..%2fpackage.json`,
      `/glance-test/..%5c..%5c/resolve/main/package.json`,
    ]) {
      const res = await rawRequest(server, path);
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('"name": "glance"');
    }
  });

  it('records the requested paths in order', async () => {
    const before = server.requests.length;
    await (await fetch(`${server.url}${REPO_ID}/resolve/main/tokenizer_config.json`)).text();
    await (await fetch(`${server.url}${REPO_ID}/resolve/main/nope.json`)).text();
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: `/${REPO_ID}/resolve/main/tokenizer_config.json`, status: 200 },
      { method: 'GET', path: `/${REPO_ID}/resolve/main/nope.json`, status: 404 },
    ]);
  });
});
