/**
 * Glance's service worker (built to `<base>sw.js` by scripts/vite/service-worker-plugin.ts, which injects the
 * precache list of the build). It makes the app shell and the embed widget open offline:
 * - install: caches every file of the build (HTML entries, JS/CSS chunks, ORT's .mjs/.wasm, the host script)
 *   in a cache named after the build, so one build's files are never mixed with another's;
 * - fetch: serves those files cache-first (navigations by path, ignoring the query), and leaves everything else
 *   to the network untouched: model files (the worker keeps them in 'glance-models-v1' itself), other origins
 *   (never cached here), non-GET requests;
 * - activate: deletes the shell caches of older builds (never the model cache).
 * Cached responses keep their headers, so COOP/COEP (cross-origin isolation) hold offline too.
 */
/// <reference lib="webworker" />

import { SHELL_CACHE_PREFIX, shellCacheName, precacheKey } from './sw-shared';

declare const self: ServiceWorkerGlobalScope;
/** Paths relative to the scope, e.g. '' (the app), 'embed.html', 'assets/index-abc.js'; injected at build. */
declare const __GLANCE_PRECACHE__: string[];
/** A hash of the build's file list and contents; injected at build. */
declare const __GLANCE_BUILD__: string;

const CACHE = shellCacheName(__GLANCE_BUILD__);
const scope = self.registration.scope;
const PRECACHE = new Set(__GLANCE_PRECACHE__.map((path) => new URL(path, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'reload' skips the HTTP cache: the files must be this build's, not an older copy.
      await cache.addAll([...PRECACHE].map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const key = precacheKey(request.url, request.mode === 'navigate', scope);
  if (key === null || !PRECACHE.has(key)) return;
  event.respondWith(cacheFirst(request, key));
});

async function cacheFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  // Evicted or not installed yet: the network, without caching (only install fills this cache).
  return fetch(request);
}
