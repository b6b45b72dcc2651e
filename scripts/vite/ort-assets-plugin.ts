import { copyFileSync, createReadStream, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { ORT_ASSET_DIR, ORT_RUNTIME_FILES } from '../../workers/runtime/ort-files';

const CONTENT_TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/** Absolute path of one of onnxruntime-web's runtime files (they are listed in its package exports). */
function ortFile(file: string): string {
  return createRequire(import.meta.url).resolve(`onnxruntime-web/${file}`);
}

/**
 * Serves onnxruntime-web's .mjs/.wasm runtime files from the app's own origin at `<base>ort/`: streamed from
 * node_modules by the dev server, copied verbatim into the build. Verbatim matters: ORT's threaded .mjs also
 * starts its pthread workers, and a bundled copy made those workers load an app chunk and die (PLATFORM.md).
 */
export function ortAssetsPlugin(extraHeaders: Record<string, string>): Plugin {
  let outDir = 'dist';
  let base = '/';
  return {
    name: 'glance:ort-assets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
    },
    configureServer(server) {
      const prefix = `${base}${ORT_ASSET_DIR}/`;
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        const file = ORT_RUNTIME_FILES.find((f) => path === `${prefix}${f}`);
        if (!file) return next();
        const source = ortFile(file);
        res.setHeader('Content-Type', CONTENT_TYPES[file.slice(file.lastIndexOf('.'))]);
        res.setHeader('Content-Length', String(statSync(source).size));
        for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
        createReadStream(source).pipe(res);
      });
    },
    writeBundle() {
      const target = join(outDir, ORT_ASSET_DIR);
      mkdirSync(target, { recursive: true });
      for (const file of ORT_RUNTIME_FILES) copyFileSync(ortFile(file), join(target, file));
    },
  };
}
