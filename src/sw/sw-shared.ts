/**
 * What the service worker (sw.ts), its build plugin and the Settings view agree on: cache names and how a
 * request maps to a precached file. Pure functions, tested in sw-shared.test.ts.
 */

/** Every app-shell cache starts with this; each build has its own (older ones are deleted on activate). */
export const SHELL_CACHE_PREFIX = 'glance-shell-';

export function shellCacheName(build: string): string {
  return `${SHELL_CACHE_PREFIX}${build}`;
}

/**
 * The precache URL a request is served from, or null when it is not the service worker's business:
 * another origin, or outside the scope. Navigations ignore the query and fragment (`/?backend=wasm` is the
 * app, `/embed.html?mode=demo` the widget) and `index.html` means the scope itself; subresources must match
 * exactly, query included (a query on a hashed asset is something else).
 */
export function precacheKey(requestUrl: string, navigate: boolean, scope: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  url.hash = '';
  if (!navigate) return url.href;
  url.search = '';
  if (url.pathname === `${base.pathname}index.html`) url.pathname = base.pathname;
  return url.href;
}

/**
 * Which files of a build to precache, as paths relative to the base: the HTML entries (index.html as ''),
 * scripts, styles, wasm; not the model bundles under models/ (the worker caches those in 'glance-models-v1'
 * and the Settings view can clear them), not source maps, not the service worker itself.
 */
export function precacheList(files: readonly string[]): string[] {
  const keep = files
    .map((file) => file.replace(/\\/g, '/').replace(/^\/+/, ''))
    .filter((file) => !file.startsWith('models/') && !file.endsWith('.map') && file !== 'sw.js')
    .map((file) => (file === 'index.html' ? '' : file));
  return [...new Set(keep)].sort();
}
