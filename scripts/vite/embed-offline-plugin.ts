import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { Connect, Plugin, Rolldown } from 'vite';

type PluginContext = Rolldown.PluginContext;
type OutputBundle = Rolldown.OutputBundle;
import { precacheList } from '../../src/sw/sw-shared';
import { ORT_ASSET_DIR, ORT_RUNTIME_FILES } from '../../workers/runtime/ort-files';
import { buildClassicScript } from './build-script';
import { EMBED_PAGE_HEADERS, HOST_SCRIPT_HEADERS } from './embed-headers';

/** Where the host script lives under the base URL: stable, so other sites can include it. */
export const HOST_SCRIPT_FILE = 'embed/glance-embed.js';
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The embed widget's and offline use's build steps (docs/embed.md):
 * - the host script `embed/glance-embed.js` (src/host/global.ts as one classic script), built with the app
 *   and served by the dev server;
 * - the service worker `sw.js` (src/sw/sw.ts) with the build's precache list and a build hash injected; there is
 *   no service worker in dev;
 * - response headers of the widget page and the host script in dev and preview (CORP so cross-origin-isolated
 *   hosts may embed them, a strict CSP for the widget page in preview).
 */
export function embedOfflinePlugin(): Plugin {
  let root = process.cwd();
  let base = '/';
  let publicDir = '';
  return {
    name: 'glance:embed-offline',
    configResolved(config) {
      root = config.root;
      base = config.base;
      publicDir = config.publicDir;
    },
    configureServer(server) {
      server.middlewares.use(headersFor(base, false));
      server.middlewares.use(async (req, res, next) => {
        if (pathOf(req) !== `${base}${HOST_SCRIPT_FILE}`) return next();
        try {
          const code = await buildClassicScript(root, resolve(root, 'src/host/global.ts'));
          res.setHeader('Content-Type', 'text/javascript');
          res.end(code);
        } catch (error) {
          next(error);
        }
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use(headersFor(base, true));
    },
    // After Vite's own generateBundle steps, so the HTML entries are in the bundle.
    generateBundle: { order: 'post', handler: generateBundle },
  };

  async function generateBundle(this: PluginContext, _options: unknown, bundle: OutputBundle): Promise<void> {
    {
      const host = await buildClassicScript(root, resolve(root, 'src/host/global.ts'));
      this.emitFile({ type: 'asset', fileName: HOST_SCRIPT_FILE, source: host });

      const hash = createHash('sha256');
      const files: string[] = [HOST_SCRIPT_FILE];
      hash.update(host);
      for (const [name, item] of Object.entries(bundle)) {
        files.push(name);
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
      }
      for (const file of ORT_RUNTIME_FILES) {
        files.push(`${ORT_ASSET_DIR}/${file}`);
        hash.update(file).update(readFileSync(createRequire(import.meta.url).resolve(`onnxruntime-web/${file}`)));
      }
      for (const file of listFiles(publicDir)) files.push(file);
      const precache = precacheList(files);
      hash.update(precache.join('\n'));
      const sw = await buildClassicScript(root, resolve(root, 'src/sw/sw.ts'), {
        __GLANCE_PRECACHE__: JSON.stringify(precache),
        __GLANCE_BUILD__: JSON.stringify(hash.digest('hex').slice(0, 16)),
      });
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: sw });
    }
  }
}

function pathOf(req: Connect.IncomingMessage): string {
  return (req.url ?? '').split('?')[0];
}

/** Adds the embed headers to the widget page and the host script (before the static files are served). */
function headersFor(base: string, production: boolean): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = pathOf(req);
    if (path === `${base}embed.html`) {
      for (const [name, value] of Object.entries(EMBED_PAGE_HEADERS)) {
        // The dev server injects inline scripts (React refresh): the CSP holds for the build only.
        if (name === 'Content-Security-Policy' && !production) continue;
        res.setHeader(name, value);
      }
    } else if (path === `${base}${HOST_SCRIPT_FILE}`) {
      for (const [name, value] of Object.entries(HOST_SCRIPT_HEADERS)) res.setHeader(name, value);
    }
    next();
  };
}

/** Files under `dir`, relative, with forward slashes (empty when there is no such folder). */
function listFiles(dir: string): string[] {
  if (!dir) return [];
  const out: string[] = [];
  const walk = (path: string) => {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}
