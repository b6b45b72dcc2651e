/**
 * A stand-in for huggingface.co's file endpoint: GET/HEAD /ORG/NAME/resolve/REVISION/FILE... served from
 * ROOT/ORG/NAME/FILE..., any revision. Enough of the hub's behaviour for transformers.js and browsers: CORS headers,
 * single byte ranges (transformers.js probes files with `Range: bytes=0-0`), and the hub's 404s.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

export interface HubServerOptions {
  /** Directory holding ORG/NAME/FILE... */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * Sizes that HEAD answers name in X-Linked-Size, by `ORG/NAME/FILE`: the hub names an LFS file's size so, and a
   * test can play a model too large to download without holding one.
   */
  linkedSizes?: Readonly<Record<string, number>>;
}

export interface HubRequest {
  method: string;
  /** The URL path as requested (before decoding). */
  path: string;
  status: number;
}

export interface HubServer {
  /** e.g. http://127.0.0.1:4180/ — what transformers.js wants in env.remoteHost (trailing slash included). */
  url: string;
  port: number;
  /** Every request answered, in order. */
  requests: HubRequest[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.onnx': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  // Content-Range/Accept-Ranges as well: a page reading a ranged probe needs them exposed to read the total size.
  'Access-Control-Expose-Headers': 'Content-Length, ETag, Content-Range, Accept-Ranges, X-Linked-Size',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** A decoded path segment that could climb out of root or smuggle a separator; refused before touching the disk. */
function traversalSegment(segment: string): boolean {
  return segment === '.' || segment === '..' || /[\\/\0]/.test(segment);
}

function sendJson(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(bytes.length),
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null when absent or not one satisfiable range. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

async function handle(
  root: string,
  linkedSizes: Readonly<Record<string, number>>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Max-Age': '86400',
      'Content-Length': '0',
    });
    res.end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD, OPTIONS' });
    return;
  }

  const rawPath = (req.url ?? '/').split('?')[0];
  let segments: string[];
  try {
    segments = rawPath.split('/').slice(1).map(decodeURIComponent);
  } catch {
    sendJson(res, 400, { error: 'Bad request path' });
    return;
  }
  if (segments.some(traversalSegment)) {
    sendJson(res, 403, { error: 'Forbidden' });
    return;
  }
  // ORG / NAME / resolve / REVISION / FILE...
  if (segments.length < 5 || segments[2] !== 'resolve' || segments.some((s) => s === '')) {
    sendJson(res, 404, { error: 'Repository not found' }, { 'X-Error-Code': 'RepoNotFound' });
    return;
  }
  const [org, name, , , ...file] = segments;
  const repoDir = resolve(root, org, name);
  const target = resolve(repoDir, ...file);
  // Decoded segments are checked above; this catches anything resolve() still lets escape (symlinked roots aside).
  if (!target.startsWith(repoDir + sep)) {
    sendJson(res, 403, { error: 'Forbidden' });
    return;
  }

  const repoStat = await fs.stat(repoDir).catch(() => null);
  if (!repoStat?.isDirectory()) {
    // The hub answers 401 to anonymous requests for a missing (or private) repo; 404 keeps transformers.js's
    // "file not found" path, which is what a test of a missing repo wants to see.
    sendJson(res, 404, { error: 'Repository not found' }, { 'X-Error-Code': 'RepoNotFound' });
    return;
  }
  const stat = await fs.stat(target).catch(() => null);
  if (!stat?.isFile()) {
    sendJson(res, 404, { error: 'Entry not found' }, { 'X-Error-Code': 'EntryNotFound' });
    return;
  }

  const size = stat.size;
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
    ETag: `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'invalid') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const linked = linkedSizes[[org, name, ...file].join('/')];
  if (linked !== undefined) headers['X-Linked-Size'] = String(linked);
  res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': String(length) });
  if (method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  createReadStream(target, { start, end }).pipe(res);
}

export function startHubServer({
  root,
  port = 0,
  host = '127.0.0.1',
  linkedSizes = {},
}: HubServerOptions): Promise<HubServer> {
  const absRoot = resolve(root);
  const requests: HubRequest[] = [];
  const server: Server = createServer((req, res) => {
    // Recorded on arrival so the order is the order of requests; the status is filled in once answered.
    const entry: HubRequest = { method: req.method ?? '', path: req.url ?? '', status: 0 };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    handle(absRoot, linkedSizes, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        url: `http://${urlHost}:${actual}/`,
        port: actual,
        requests,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
  });
}
