import { defineConfig } from 'vitest/config';

/** Unit tests live beside the code as *.test.ts; e2e/ belongs to Playwright. Kept apart from vite.config.ts. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    // Two shared cores: more workers only queue.
    maxWorkers: 2,
    // Vitest's 5 s default timed out a ~2 s test while the machine was busy (load ~6 on 2 cores).
    testTimeout: 30_000,
  },
});
