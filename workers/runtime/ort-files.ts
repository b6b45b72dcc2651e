/**
 * The onnxruntime-web runtime files the app serves from its own origin (never a CDN), in dev and in the build
 * (scripts/vite/ort-assets-plugin.ts). They are the ones the two entries ort-env.ts imports load at run time: the
 * WASM-only build's .mjs + .wasm pair (`onnxruntime-web/wasm`, when the backend is WASM) and the JSEP build's
 * (`onnxruntime-web`, when it is WebGPU). A page fetches one pair; the service worker precaches both, so either
 * backend works offline. ort-files.test.ts fails if an onnxruntime-web upgrade renames them.
 */

/** Folder under the app's base URL. */
export const ORT_ASSET_DIR = 'ort';

/** File names inside node_modules/onnxruntime-web/dist/, copied verbatim. */
export const ORT_RUNTIME_FILES = [
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.jsep.mjs',
  'ort-wasm-simd-threaded.jsep.wasm',
] as const;

/** Where ORT fetches its .mjs/.wasm (env.wasm.wasmPaths): the app's own origin, under its base URL. */
export function ortAssetBaseUrl(baseUrl: string, origin: string): string {
  return new URL(`${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${ORT_ASSET_DIR}/`, origin).href;
}
