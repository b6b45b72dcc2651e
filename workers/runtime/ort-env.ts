/**
 * The one place that loads onnxruntime-web and sets its global `env`.
 *
 * Two builds, chosen by the backend (once per worker, before the first session):
 * - WASM: `onnxruntime-web/wasm` (dist/ort.wasm.min.mjs with ort-wasm-simd-threaded.{mjs,wasm}, 14 MB of .wasm).
 *   Measured here (Chromium 156, 2 threads, a 0.1 MB model, 2 cores under load): its first session, which starts
 *   the runtime, took 2.4 s against 5.6 s for the JSEP build, and it is half the bytes to fetch and compile.
 * - WebGPU: the plain `onnxruntime-web` entry (dist/ort.min.mjs, the JSEP build, 28 MB of .wasm): its WebGPU EP is
 *   the long-standing one whose gpu-buffer outputs our KV cache relies on (e2e checks them on Chromium's software
 *   adapter). `onnxruntime-web/webgpu` would switch to the newer native WebGPU EP in an asyncify build; revisit
 *   when that becomes the plain entry's default.
 * vite.config.ts resolves both with the `onnxruntime-web-use-extern-wasm` condition, so each loads its .mjs/.wasm
 * from env.wasm.wasmPaths (our origin, ort-files.ts) instead of inlining them.
 */
import type * as OrtModule from 'onnxruntime-web';
import type { BackendChoice } from './select-backend';
import { WARM_START_MODEL } from './warm-start-model';

export type Ort = typeof OrtModule;

let loaded: Ort | null = null;
let starting: Promise<void> | null = null;

/** The loaded runtime. Throws before `startOrt` has loaded it (a bug: sessions come after the backend choice). */
export function ort(): Ort {
  if (!loaded) throw new Error('onnxruntime-web is not loaded yet');
  return loaded;
}

/**
 * Loads the build `choice` needs, sets ORT's process-wide options, and starts its runtime by creating a one-node
 * session (ORT compiles its WebAssembly, starts the thread pool and, on WebGPU, gets its device at the first
 * session, whatever the model). Called as soon as the backend is chosen, so that this start overlaps the model's
 * download or cache read instead of following it. Once per worker: the options cannot change afterwards, so a
 * different choice needs a fresh worker. Never rejects for the warm start itself: a runtime that cannot start
 * fails again, with its real error, at the bundle's first session.
 */
export function startOrt(choice: BackendChoice, assetBaseUrl: string): Promise<void> {
  starting ??= (async () => {
    const ort = choice.name === 'webgpu' ? await import('onnxruntime-web') : await import('onnxruntime-web/wasm');
    ort.env.wasm.wasmPaths = assetBaseUrl;
    // Set explicitly: ORT's default is ceil(cores / 2), i.e. 1 thread on a 2-core machine.
    ort.env.wasm.numThreads = choice.wasmThreads;
    // We already are in a worker; ORT's proxy worker would only add a hop.
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'warning';
    loaded = ort;
    try {
      const session = await ort.InferenceSession.create(WARM_START_MODEL, {
        executionProviders: [choice.name],
        logSeverityLevel: 3,
      });
      await session.release();
    } catch {
      // The bundle's first session reports it (createSessions names the part and the backend).
    }
  })();
  return starting;
}

/** The thread count ORT actually initialised with (it resets numThreads to 1 when threads are unavailable). */
export function ortWasmThreads(): number {
  return loaded?.env.wasm.numThreads ?? 1;
}

/** ORT's version (the same for both builds); 'unknown' before it is loaded. */
export function ortVersion(): string {
  return loaded?.env.versions.web ?? 'unknown';
}

/** True once ORT's WebGPU backend has set up its adapter and device, i.e. a session really runs on WebGPU. */
export function ortWebGpuStarted(): boolean {
  return Boolean(loaded && Object.getOwnPropertyDescriptor(loaded.env.webgpu, 'adapter')?.value);
}
