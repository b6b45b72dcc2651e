/**
 * Response headers of the embed widget's page and of the host script, on top of the app's COOP/COEP
 * (vite.config.ts). docs/embed.md explains each and what a deployment should set.
 */

/**
 * The widget page's policy: scripts only from its own origin plus WebAssembly compilation ('wasm-unsafe-eval'
 * is what ORT's .wasm needs; no 'unsafe-eval', no inline script), no plugins, no <base>, no forms. Models are
 * fetched by the captioner worker, which has its own (the worker script's) policy.
 */
export const EMBED_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  // blob: URLs are ones this page made itself (the picture of an image being captioned), as in the app's policy.
  "connect-src 'self' blob:",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const EMBED_PAGE_HEADERS: Record<string, string> = {
  // A cross-origin-isolated host (COEP require-corp) may only frame documents that opt in.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Content-Security-Policy': EMBED_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

export const HOST_SCRIPT_HEADERS: Record<string, string> = {
  // Included by other sites' pages, isolated ones too.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};
