import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { appCspPlugin } from './scripts/vite/app-csp';
import { embedOfflinePlugin } from './scripts/vite/embed-offline-plugin';
import { ortAssetsPlugin } from './scripts/vite/ort-assets-plugin';
import { TEST_BUILD_DIR, TEST_BUILD_MODE, testBuildPlugin } from './scripts/vite/test-build-plugin';

/** Cross-origin isolation, which SharedArrayBuffer and so ORT's WASM threads require, in dev and in preview. */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const ORT_FOR_TRANSFORMERS = fileURLToPath(new URL('src/ort/ort-for-transformers.ts', import.meta.url));

/** The app's port, set only here: `npm start`, `npm run dev` and `npm run preview` use it; GLANCE_PORT=n changes it. */
const PORT = Number(process.env.GLANCE_PORT ?? 5173);

// `--mode e2e` makes the test build (src/testing/README.md): the same app with test hooks, in .cache/e2e-dist.
export default defineConfig(({ mode }) => ({
  plugins: [testBuildPlugin(), appCspPlugin(), react(), ortAssetsPlugin(ISOLATION_HEADERS), embedOfflinePlugin()],
  resolve: {
    // Picks onnxruntime-web's dist/ort*.min.mjs, which loads its .mjs/.wasm from env.wasm.wasmPaths (our origin),
    // instead of the *.bundle.min.mjs that inlines the .mjs into the app's chunks.
    conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
    // transformers.js (hub models) runs on the ORT the worker loaded; see src/ort/ort-for-transformers.ts.
    alias: [
      { find: /^onnxruntime-web\/webgpu$/, replacement: ORT_FOR_TRANSFORMERS },
      { find: /^onnxruntime-common$/, replacement: ORT_FOR_TRANSFORMERS },
    ],
  },
  // The dep optimizer would re-bundle onnxruntime-web in dev; serve it as is, like the build does.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  worker: { format: 'es' },
  build: {
    outDir: mode === TEST_BUILD_MODE ? TEST_BUILD_DIR : 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  server: { host: '127.0.0.1', port: PORT, strictPort: true, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: PORT, strictPort: true, headers: ISOLATION_HEADERS },
}));
