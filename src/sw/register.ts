/**
 * Registers the service worker (sw.ts) in production builds, after the page has loaded so its precaching does
 * not compete with the first model download. Dev servers serve modules, not the build: no worker there.
 * A refusal (private mode, a test context that blocks service workers) only costs offline use: logged at info.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    const base = import.meta.env.BASE_URL;
    navigator.serviceWorker
      .register(`${base}sw.js`, { scope: base })
      .catch((error: unknown) => console.info(`Glance: offline use is unavailable (${String(error)})`));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
