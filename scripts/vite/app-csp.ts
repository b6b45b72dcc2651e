/**
 * The app's Content-Security-Policy (docs/reliability.md), sent by `vite dev` and `vite preview` with every
 * response but the embed widget's page and host script, which have their own (embed-headers.ts). Every response,
 * not only index.html: a dedicated or service worker runs under the policy of its own script's response, and
 * the captioner worker is where models are fetched.
 */
import type { Connect, Plugin } from 'vite';
import { HOST_SCRIPT_FILE } from './embed-offline-plugin';

/**
 * Where the app may connect. Its own origin serves the app and the default model; a model picked in Settings
 * may live on any https host (a Hugging Face repo redirects to its CDN) or on this machine (a bundle served
 * while exporting it). blob: URLs are ones this page made itself (dropped files). Set GLANCE_CSP_CONNECT (e.g. "'self'") when serving to allow less.
 */
export const DEFAULT_CONNECT_SRC = "'self' blob: https: http://localhost:* http://127.0.0.1:*";

/**
 * The policy. No inline script and no eval: 'wasm-unsafe-eval' only lets WebAssembly compile (ORT's .wasm).
 * `dev` adds what the dev server needs and the build does not: its inline React-refresh preamble and the
 * <style> elements it injects for CSS.
 */
export function appCsp(options: { dev: boolean; connectSrc?: string }): string {
  const inline = options.dev ? " 'unsafe-inline'" : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${inline}`,
    "worker-src 'self'",
    `connect-src ${options.connectSrc ?? DEFAULT_CONNECT_SRC}`,
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    `style-src 'self'${inline}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the app's policy on every response except the embed widget's page and host script. */
export function appCspPlugin(): Plugin {
  let base = '/';
  const connectSrc = process.env.GLANCE_CSP_CONNECT || undefined;
  const middleware =
    (policy: string): Connect.NextHandleFunction =>
    (req, res, next) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== `${base}embed.html` && path !== `${base}${HOST_SCRIPT_FILE}`) {
        res.setHeader('Content-Security-Policy', policy);
      }
      next();
    };
  return {
    name: 'glance:app-csp',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use(middleware(appCsp({ dev: true, connectSrc })));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(appCsp({ dev: false, connectSrc })));
    },
  };
}
