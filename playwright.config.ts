import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM, WEBGPU_ARGS } from './scripts/chromium-flags';

/** Not the app's port (vite.config.ts), so the suite can run while `npm start` or `npm run dev` is up. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

/** A browser profile whose app origin remembers `bundleUrl` as the chosen model (src/app/settings). */
function rememberedModel(origin: string, bundleUrl: string) {
  return { cookies: [], origins: [{ origin, localStorage: [{ name: 'glance.model.v1', value: bundleUrl }] }] };
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two shared cores, and WASM runs two threads per page: one test at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  // CI shares two noisy cores with nothing else to blame: one retry, reported as 'flaky' in the log; a test
  // that fails twice fails the run. Locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    // The known-answer specs run the scene-world model, as a user who picked it in Settings would; the specs
    // of the real-world default clear this (`test.use({ storageState: NO_REMEMBERED_MODEL })`, e2e/fixtures).
    storageState: rememberedModel(`http://127.0.0.1:${PORT}`, '/models/glance-world-v3/'),
    trace: 'retain-on-failure',
    // The app's service worker precaches ~29 MB per fresh context; only the specs about it (offline) allow it.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      // A browser without WebGPU, like most machines without a GPU.
      name: 'chromium',
      testIgnore: '**/*.webgpu.spec.ts',
      use: { launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] } },
    },
    {
      // WebGPU on Chromium's software adapter (SwiftShader): for correctness, never for speed.
      name: 'chromium-webgpu',
      testMatch: '**/*.webgpu.spec.ts',
      use: { launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] } },
    },
  ],
  // The test build (`--mode e2e`, into .cache/e2e-dist; src/testing/README.md): the production build with test
  // hooks (window.__glance, the test worker), served as `npm start` serves the app (COOP/COEP from vite.config.ts).
  webServer: {
    command: `npm run build:e2e && npx vite preview --mode e2e --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
