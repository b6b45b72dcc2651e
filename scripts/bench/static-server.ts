/**
 * A small HTTP server for the bench: the built app (with the COOP/COEP headers that WASM threads need, as
 * `npm start` serves it) and model bundle folders: `/models/<name>/` answers with `bundles[name]` when given
 * (the real-world model under its shipped name), else with `bundleDir`, the bundle under test, whatever name the
 * build asks for. ETag revalidation lets a warm load
 * use the browser's HTTP cache as it would with a real server.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export interface BenchServer {
  origin: string;
  /** Requests answered so far, by path prefix ('/models/', '/ort/', ...), for the report's notes. */
  requests(): string[];
  close(): Promise<void>;
}

/** Maps a URL path to a file under `root`, or null when it escapes the folder. */
export function fileFor(root: string, path: string): string | null {
  const file = normalize(join(root, decodeURIComponent(path)));
  return file === root || file.startsWith(root + sep) ? file : null;
}

export async function startBenchServer(options: {
  appDir: string;
  bundleDir: string;
  /** Bundles by the name in their URL (`/models/<name>/`), before `bundleDir`. */
  bundles?: Record<string, string>;
  extraDirs?: Record<string, string>;
  /** Small HTML pages of the bench's own by their exact path (e.g. the video sampling page). */
  pages?: Record<string, string>;
}): Promise<BenchServer> {
  const appDir = resolve(options.appDir);
  const bundleDir = resolve(options.bundleDir);
  const bundles = new Map(Object.entries(options.bundles ?? {}).map(([name, dir]) => [name, resolve(dir)]));
  const extras = Object.entries(options.extraDirs ?? {}).map(([prefix, dir]) => [prefix, resolve(dir)] as const);
  const log: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    log.push(path);
    const page = options.pages?.[path];
    if (page !== undefined) {
      response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache', ...ISOLATION });
      response.end(request.method === 'HEAD' ? undefined : page);
      return;
    }
    let file: string | null;
    const model = /^\/models\/([^/]+)\/(.*)$/.exec(path);
    const extra = extras.find(([prefix]) => path.startsWith(prefix));
    if (model) file = fileFor(bundles.get(model[1]) ?? bundleDir, model[2]);
    else if (extra) file = fileFor(extra[1], path.slice(extra[0].length));
    else file = fileFor(appDir, path === '/' ? 'index.html' : path.slice(1));
    let size = -1;
    let mtime = 0;
    try {
      const stat = file ? statSync(file) : null;
      if (stat?.isFile()) {
        size = stat.size;
        mtime = stat.mtimeMs;
      }
    } catch {
      // answered as 404 below
    }
    if (!file || size < 0) {
      response.writeHead(404, { 'Content-Type': 'text/plain', ...ISOLATION });
      response.end('not found');
      return;
    }
    const etag = `"${size.toString(16)}-${Math.floor(mtime).toString(16)}"`;
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ETag: etag,
      ...ISOLATION,
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': String(size) });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
