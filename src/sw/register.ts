/**
 * Registers the service worker (sw.ts) in production builds, once the page has loaded and `after` (the first
 * model load) has settled, so its precaching (~43 MB, mostly ORT's two .wasm builds) does not compete with the first model
 * download and warm-up. Dev servers serve modules, not the build: no worker there. A refusal (private mode, a
 * test context that blocks service workers) only costs offline use: logged at info.
 */
export function registerServiceWorker(after: Promise<unknown> = Promise.resolve()): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const loaded = new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  });
  void Promise.all([loaded, after.catch(() => undefined)]).then(() => {
    const base = import.meta.env.BASE_URL;
    return navigator.serviceWorker
      .register(`${base}sw.js`, { scope: base })
      .catch((error: unknown) => console.info(`Glance: offline use is unavailable (${String(error)})`));
  });
}
