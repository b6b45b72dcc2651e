import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The build mode of the test build, `vite build --mode e2e`: the app and the widget with test hooks
 * (src/testing/README.md). The e2e suite (playwright.config.ts), the bench and the soak drive it; `npm run build`
 * never makes it.
 */
export const TEST_BUILD_MODE = 'e2e';

/** Where the test build goes unless told otherwise: never dist/, so it cannot be deployed by mistake. */
export const TEST_BUILD_DIR = '.cache/e2e-dist';

/** Each page's script, and the test build's entry that replaces it. */
export const TEST_ENTRIES: Readonly<Record<string, string>> = {
  '/src/main.tsx': '/src/testing/app-main.tsx',
  '/src/embed/main.tsx': '/src/testing/embed-main.tsx',
};

/** public/ files that only tests load, left out of the app's build. */
export const TEST_ONLY_PUBLIC = ['models/fixture'];

/** Swaps the pages' entries for the test build's in mode 'e2e'; otherwise drops the test-only public files. */
export function testBuildPlugin(): Plugin {
  let testBuild = false;
  let building = false;
  let outDir = 'dist';
  return {
    name: 'glance:test-build',
    configResolved(config) {
      testBuild = config.mode === TEST_BUILD_MODE;
      building = config.command === 'build';
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      // Before Vite reads the page's scripts, so the test entry is what gets bundled.
      order: 'pre',
      handler(html, context) {
        if (!testBuild) return html;
        return swapEntries(html, context.filename);
      },
    },
    writeBundle() {
      if (!building || testBuild) return;
      for (const path of TEST_ONLY_PUBLIC) rmSync(join(outDir, path), { recursive: true, force: true });
    },
  };
}

/** The page with its entry script replaced by the test build's; throws when the page has no known entry. */
export function swapEntries(html: string, page: string): string {
  let swapped = 0;
  const out = html.replace(/(<script\b[^>]*\bsrc=")([^"]+)(")/g, (whole, open: string, src: string, close: string) => {
    const test = TEST_ENTRIES[src];
    if (!test) return whole;
    swapped++;
    return `${open}${test}${close}`;
  });
  if (swapped !== 1) throw new Error(`${page}: expected one entry script of ${Object.keys(TEST_ENTRIES).join(', ')}`);
  return out;
}
