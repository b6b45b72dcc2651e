/**
 * The captioner worker: a thin comlink adapter over CaptionerRuntime. The UI reaches it only through
 * src/bridge/captioner-client.ts and takes its type from here (`import type { CaptionerApi }`).
 * Errors keep their `name` across comlink (see runtime/errors.ts).
 */
import { expose, releaseProxy, transfer } from 'comlink';
import { CaptionerRuntime } from './runtime/captioner-runtime';
import { deviceLostError } from './runtime/device-loss';
import { ortAssetBaseUrl } from './runtime/ort-files';
import { watchWasmMemory } from './runtime/wasm-memory';
import type {
  CaptionEvent,
  CaptionJobOptions,
  FrameCaption,
  FrameInput,
  LoadOptions,
  LoadProgress,
  RunResult,
  RuntimeInfo,
  WireTensor,
} from './runtime/wire';

const runtime = new CaptionerRuntime(ortAssetBaseUrl(import.meta.env.BASE_URL, self.location.origin), {
  // Before ORT loads, so its WebAssembly memory is seen.
  wasmMemoryBytes: watchWasmMemory(),
  // Nothing on a lost device can be recovered in this worker: fail as a crash, so the bridge starts a fresh
  // worker and reloads the model (device-loss.ts). Jobs in flight reject with WorkerCrashedError naming the loss.
  onDeviceLost: (info) =>
    setTimeout(() => {
      throw deviceLostError(info);
    }),
});

/** A callback that arrived as a comlink proxy: calls are posted (fire and forget), the port freed at the end. */
type RemoteCallback<T> = ((value: T) => unknown) & { [releaseProxy]?: () => void };

/**
 * Posts each call without waiting for it (a busy page must not slow decoding). `flush` waits until the page
 * has handled every call: calls on one port are handled in order, so waiting for the last one is enough. The
 * job's result travels on another port, so without the flush its last events could arrive after it.
 */
function streamTo<T>(callback: RemoteCallback<T> | undefined): {
  emit: (value: T) => void;
  flush: () => Promise<void>;
} {
  let last: Promise<unknown> = Promise.resolve();
  return {
    emit: (value) => {
      if (!callback) return;
      // A page that has gone away must not fail the job.
      last = Promise.resolve(callback(value)).catch(() => undefined);
    },
    flush: async () => {
      await last;
    },
  };
}

const api = {
  /**
   * Loads the bundle at `url` (a folder with config.json, a Hugging Face repo, ...). Resolves once every part
   * has a session and, for a captioner bundle, a warm-up caption has run: "ready" means warmed up.
   */
  async load(url: string, onProgress: RemoteCallback<LoadProgress>, options?: LoadOptions): Promise<RuntimeInfo> {
    const progress = streamTo(onProgress);
    try {
      const info = await runtime.load(url, options ?? { backend: 'auto' }, progress.emit);
      await progress.flush();
      return info;
    } finally {
      onProgress?.[releaseProxy]?.();
    }
  },

  /**
   * Captions one frame (transferred here; closed when the job ends). Jobs run one at a time in arrival order;
   * `jobId` is the caller's, unique among its pending jobs, and names the job for `cancel`.
   */
  async caption(
    jobId: number,
    frame: FrameInput,
    options: CaptionJobOptions,
    onEvent?: RemoteCallback<CaptionEvent>,
  ): Promise<FrameCaption> {
    const events = streamTo(onEvent);
    try {
      const result = await runtime.caption(jobId, frame, options ?? {}, events.emit);
      await events.flush();
      return result;
    } finally {
      onEvent?.[releaseProxy]?.();
    }
  },

  /** Flags a job: a queued one rejects at once, a running one at its next step, with a CancelledError. */
  cancel(jobId: number): boolean {
    return runtime.cancel(jobId);
  },

  /** Runs one part of the loaded bundle on plain tensors (the fixture; diagnostics). Outputs are transferred. */
  async run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    const result = await runtime.run(part, feeds);
    return transfer(
      result,
      Object.values(result.outputs).map((t) => t.data.buffer as ArrayBuffer),
    );
  },

  /** What runs, as observed: backend, threads, isolation, adapter, loaded bundle (name, warm-up time). */
  info(): RuntimeInfo {
    return runtime.info();
  },

  /** Caption jobs queued or running now: a leak check for tests. */
  pendingJobs(): number[] {
    return runtime.pendingJobs();
  },

  /** Test hook: destroys the WebGPU device the model runs on (false on WASM), as a driver reset would. */
  loseDeviceForTesting(): boolean {
    return runtime.loseDeviceForTesting();
  },

  /** Test hook: throws outside any call, as a crash would, so the bridge's restart path can be exercised. */
  crashForTesting(): void {
    setTimeout(() => {
      throw new Error('crashForTesting: the captioner worker crashed on purpose');
    });
  },
};

/** The worker's API as the UI sees it through comlink's Remote<>. */
export type CaptionerApi = typeof api;

expose(api);
