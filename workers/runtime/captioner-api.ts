/**
 * The captioner worker's API: a thin comlink adapter over CaptionerRuntime. captioner.worker.ts exposes it as
 * is; the test build's worker (workers/testing/) exposes it with test hooks added.
 */
import { releaseProxy } from 'comlink';
import type { CaptionerRuntime } from './captioner-runtime';
import type {
  CaptionEvent,
  CaptionJobOptions,
  FrameCaption,
  FrameInput,
  LoadOptions,
  LoadProgress,
  RuntimeInfo,
} from './wire';

/** A callback that arrived as a comlink proxy: calls are posted (fire and forget), the port freed at the end. */
export type RemoteCallback<T> = ((value: T) => unknown) & { [releaseProxy]?: () => void };

/**
 * Posts each call without waiting for it (a busy page must not slow decoding). `flush` waits until the page
 * has handled every call: calls on one port are handled in order, so waiting for the last one is enough. The
 * job's result travels on another port, so without the flush its last events could arrive after it.
 */
function streamTo<T>(callback: RemoteCallback<T> | undefined): {
  /** null without a callback, so the job does no work for events nobody hears. */
  emit: ((value: T) => void) | null;
  flush: () => Promise<void>;
} {
  let last: Promise<unknown> = Promise.resolve();
  return {
    emit: !callback
      ? null
      : (value) => {
          // A page that has gone away must not fail the job.
          last = Promise.resolve(callback(value)).catch(() => undefined);
        },
    flush: async () => {
      await last;
    },
  };
}

/** The API the app's worker exposes: load, caption, cancel, info. Errors keep their `name` (errors.ts). */
export function captionerApi(runtime: CaptionerRuntime) {
  return {
    /**
     * Loads the bundle at `url` (a folder with config.json, a Hugging Face repo, ...). Resolves once every part
     * has a session and a warm-up caption has run: "ready" means warmed up.
     */
    async load(url: string, onProgress: RemoteCallback<LoadProgress>, options?: LoadOptions): Promise<RuntimeInfo> {
      const progress = streamTo(onProgress);
      try {
        const info = await runtime.load(url, options ?? { backend: 'auto' }, progress.emit ?? (() => undefined));
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

    /** What runs, as observed: backend, threads, isolation, adapter, loaded bundle (name, warm-up time). */
    info(): RuntimeInfo {
      return runtime.info();
    },
  };
}
