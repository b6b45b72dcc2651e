/**
 * The one place that imports onnxruntime-web as a value and sets its global `env`.
 *
 * Why `onnxruntime-web` and not `onnxruntime-web/webgpu`: the plain entry (resolved by vite.config.ts with the
 * `onnxruntime-web-use-extern-wasm` condition to dist/ort.min.mjs) runs both execution providers from one JSEP
 * build (one .mjs + .wasm pair to serve), and its WebGPU EP is the long-standing one whose gpu-buffer outputs our
 * KV cache relies on (e2e checks them on Chromium's software adapter). `onnxruntime-web/webgpu` switches to the
 * newer native WebGPU EP in an asyncify build. On the CPU the builds did not differ measurably here (8 chained
 * 512x512 MatMuls, batch 64, 2 threads: JSEP, asyncify and WASM-only medians all 21-45 ms on a busy 2-core box).
 * Revisit when the native EP becomes the plain entry's default.
 */
import * as ort from 'onnxruntime-web';
import type { BackendChoice } from './select-backend';

export { ort };

/**
 * Sets ORT's process-wide options before the first session. They cannot change afterwards: the WASM module and
 * its thread pool are created once per worker, so a different choice needs a fresh worker.
 */
export function configureOrt(choice: BackendChoice, assetBaseUrl: string): void {
  ort.env.wasm.wasmPaths = assetBaseUrl;
  // Set explicitly: ORT's default is ceil(cores / 2), i.e. 1 thread on a 2-core machine.
  ort.env.wasm.numThreads = choice.wasmThreads;
  // We already are in a worker; ORT's proxy worker would only add a hop.
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'warning';
}

/** The thread count ORT actually initialised with (it resets numThreads to 1 when threads are unavailable). */
export function ortWasmThreads(): number {
  return ort.env.wasm.numThreads ?? 1;
}

/** True once ORT's WebGPU backend has set up its adapter and device, i.e. a session really runs on WebGPU. */
export function ortWebGpuStarted(): boolean {
  return Boolean(Object.getOwnPropertyDescriptor(ort.env.webgpu, 'adapter')?.value);
}
