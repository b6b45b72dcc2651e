/**
 * The test build's captioner worker (`vite build --mode e2e`; README.md here): the app's API
 * (runtime/captioner-api.ts) plus hooks that only tests call. The production build never bundles this file.
 */
import { expose, transfer } from 'comlink';
import { captionerApi } from '../runtime/captioner-api';
import { startWorkerRuntime } from '../runtime/worker-runtime';
import { crashSoon, TestCaptionerRuntime } from './test-runtime';
import type { RunResult, WireTensor } from './test-wire';

const runtime = startWorkerRuntime(TestCaptionerRuntime);

const api = {
  ...captionerApi(runtime),

  /** Runs one part of the loaded bundle on plain tensors (the parts fixture). Outputs are transferred. */
  async run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    const result = await runtime.run(part, feeds);
    return transfer(
      result,
      Object.values(result.outputs).map((t) => t.data.buffer as ArrayBuffer),
    );
  },

  /** Caption jobs queued or running now: a leak check. */
  pendingJobs(): number[] {
    return runtime.pendingJobs();
  },

  /** Destroys the WebGPU device the model runs on (false on WASM), as a driver reset would. */
  loseDeviceForTesting(): boolean {
    return runtime.loseDevice();
  },

  /** Throws outside any call, as a crash would, so the bridge's restart path can be exercised. */
  crashForTesting(): void {
    crashSoon();
  },

  /** The next caption job crashes the worker while it runs (it never finishes on its own). */
  crashOnNextCaptionForTesting(): void {
    runtime.crashOnNextCaption();
  },
};

/** The test worker's API as the test client (src/testing/) sees it through comlink's Remote<>. */
export type TestCaptionerApi = typeof api;

expose(api);
