/**
 * Instrumentation the bench adds to the app's page before any of its scripts run (an init script): it changes
 * nothing the app does, it only watches. It records when the startup load settles, every caption call the page
 * makes through the test hook's client (window.__glance, src/testing/app-test-hooks.ts; the test build) with the time the Live view
 * grabbed its frame, and main-thread long tasks. Functions here run in the browser: no imports at run time.
 */
import type { GlanceTestHook } from '../../src/testing/app-test-hooks';

/** One caption call seen in the page (performance.now() ms). */
export interface PageCaption {
  /** When the Live view grabbed the frame (a VideoFrame or ImageBitmap of the video); null for other callers. */
  grabAt: number | null;
  start: number;
  end: number;
  style: string;
  refined: boolean;
  /** The model's look policy skipped the second look (result.look.looked false; absent otherwise). */
  lookSkipped?: boolean;
  /** The worker's own stage timings of the caption, ms (absent: the result had none). */
  timings?: Record<string, number>;
}

export interface BenchPageState {
  readyAt: number | null;
  readyState: string | null;
  firstCaptionAt: number | null;
  captions: PageCaption[];
  /** Rejections other than cancellations, by error name. */
  errors: string[];
  longTasks: { start: number; duration: number }[];
  lastGrabAt: number | null;
  /** When the client first reported each phase of the startup load (its status events). */
  loadPhases: Record<string, number>;
}

declare global {
  interface Window {
    __bench?: BenchPageState;
  }
}

/** tsx (esbuild) wraps named functions in `__name(...)`; the page has no such helper, so give it one. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

/** Runs in the page before its scripts (Playwright's addInitScript). */
export function installBenchHooks(): void {
  const state: BenchPageState = {
    readyAt: null,
    readyState: null,
    firstCaptionAt: null,
    captions: [],
    errors: [],
    longTasks: [],
    lastGrabAt: null,
    loadPhases: {},
  };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the report says no long task was seen, which the notes qualify.
  }
  // The Live view grabs a frame from the <video> as a VideoFrame copied to RGBA (src/capture/grab-frame.ts), or
  // as an ImageBitmap where the browser cannot copy: either marks the grab.
  const create = window.createImageBitmap.bind(window) as (...args: unknown[]) => Promise<ImageBitmap>;
  (window as unknown as { createImageBitmap: unknown }).createImageBitmap = (...args: unknown[]) => {
    if (args[0] instanceof HTMLVideoElement) state.lastGrabAt = performance.now();
    return create(...args);
  };
  if (typeof VideoFrame !== 'undefined') {
    const NativeVideoFrame = VideoFrame;
    const Marked = function (this: unknown, ...args: ConstructorParameters<typeof VideoFrame>) {
      if (args[0] instanceof HTMLVideoElement) state.lastGrabAt = performance.now();
      return new NativeVideoFrame(...args);
    } as unknown as typeof VideoFrame;
    Marked.prototype = NativeVideoFrame.prototype;
    (window as unknown as { VideoFrame: unknown }).VideoFrame = Marked;
  }
  let hook: GlanceTestHook | undefined;
  Object.defineProperty(window, '__glance', {
    configurable: true,
    get: () => hook,
    set: (value: GlanceTestHook) => {
      hook = value;
      void value.runtimeSettled.then((status) => {
        state.readyAt = performance.now();
        state.readyState = status.state;
      });
      const client = value.client;
      // The startup load began before the hook was installed; its progress events come later.
      client.onStatus((status) => {
        if ((status.state === 'loading' || status.state === 'restarting') && status.progress) {
          state.loadPhases[status.progress.phase] ??= performance.now();
        }
      });
      const caption = client.caption.bind(client);
      client.caption = (frame, options, call) => {
        const grabAt = state.lastGrabAt;
        state.lastGrabAt = null;
        const start = performance.now();
        const job = caption(frame, options, call);
        job.then(
          (result) => {
            const end = performance.now();
            const timings = result.timings as unknown as Record<string, number> | undefined;
            state.captions.push({
              grabAt,
              start,
              end,
              style: result.style,
              refined: result.refined !== undefined,
              ...(result.look?.looked === false ? { lookSkipped: true } : {}),
              ...(timings ? { timings: { ...timings } } : {}),
            });
            if (state.firstCaptionAt === null) state.firstCaptionAt = end;
          },
          (error: unknown) => {
            const name = (error as { name?: string } | null)?.name ?? 'Error';
            if (name !== 'AbortError' && name !== 'CancelledError') state.errors.push(name);
          },
        );
        return job;
      };
    },
  });
}
