/**
 * The onnxruntime-web runtime files the app serves from its own origin (never a CDN), in dev and in the build
 * (scripts/vite/ort-assets-plugin.ts). They are the ones the `onnxruntime-web` entry imported in ort-env.ts loads
 * at run time: its JSEP build, one .mjs + .wasm pair that serves the WASM and the WebGPU execution providers.
 * ort-files.test.ts fails if an onnxruntime-web upgrade renames them.
 */

/** Folder under the app's base URL. */
export const ORT_ASSET_DIR = 'ort';

/** File names inside node_modules/onnxruntime-web/dist/, copied verbatim. */
export const ORT_RUNTIME_FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'] as const;

/** Where ORT fetches its .mjs/.wasm (env.wasm.wasmPaths): the app's own origin, under its base URL. */
export function ortAssetBaseUrl(baseUrl: string, origin: string): string {
  return new URL(`${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${ORT_ASSET_DIR}/`, origin).href;
}
