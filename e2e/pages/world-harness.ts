/** Node-side helpers of the world specs (e2e/world-*.spec.ts): bundle the world, open a page with it, hash. */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import type * as WorldPage from './world-page';

declare global {
  interface Window {
    /** The scene world's modules, injected by openWorldPage. */
    GlanceWorld: typeof WorldPage;
  }
}

/**
 * Bundles e2e/pages/world-page.ts (the very src/world modules Node runs) into one script with Vite. The app's
 * own build does not expose the world, and a separate HTML entry would mean editing vite.config.ts; bundling here
 * takes ~0.2 s.
 */
export async function bundleWorld(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: 'e2e/pages/world-page.ts', formats: ['iife'], name: 'GlanceWorld' },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: { type: string; code?: string }[] };
  const chunk = output.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('vite produced no world bundle');
  return chunk.code;
}

/**
 * Opens an empty page on the app's origin (a secure context: crypto.subtle, getUserMedia) and injects the world
 * bundle. page.route answers the page itself, so the app and its model are not loaded.
 */
export async function openWorldPage(page: Page, baseURL: string, bundle: string): Promise<void> {
  const url = new URL('/__world-test__', baseURL).href;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>world</title></html>' }),
  );
  await page.goto(url);
  await page.addScriptTag({ content: bundle });
}

/** SHA-256 of bytes, as hex (Node side; the page uses crypto.subtle). */
export function sha256(bytes: Uint8Array | Uint8ClampedArray): string {
  return createHash('sha256').update(bytes).digest('hex');
}
