/**
 * The UI's only door to the captioner worker, and the only UI file that imports comlink. It owns the worker's
 * life and the model in use: start, a typed Remote, callbacks as comlink proxies, job ids and cancellation, the one
 * status the UI reads (client-status.ts), and restart after a crash (reject what was in flight, start a fresh
 * worker, reload the model in use).
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { CaptionerApi } from '../../workers/captioner.worker';
import type { BackendPreference } from '../../workers/runtime/select-backend';
import type {
  CaptionEvent,
  CaptionEventType,
  CaptionJobOptions,
  FrameCaption,
  FrameInput,
  LoadOptions,
  LoadProgress,
  RuntimeInfo,
} from '../../workers/runtime/wire';
import { abortError, namedError, type CaptionerErrorName } from './bridge-errors';
import { bundleUrlForWorker } from './bundle-url';
import { type ClientStatus, type ModelInUse, type StatusListener, StatusEmitter } from './client-status';
import { toPlainError } from '../core/errors';
import { closeFrame, transferablesOf } from './frame-transfer';
import { PendingCalls } from './pending-calls';

export type {
  BackendPreference,
  CaptionEvent,
  CaptionEventType,
  CaptionJobOptions,
  CaptionerErrorName,
  ClientStatus,
  FrameCaption,
  ModelInUse,
  FrameInput,
  LoadProgress,
  RuntimeInfo,
};
export { errorKind, errorNameOf, type ErrorKind } from './bridge-errors';
export { captioningWith } from './client-status';

/** What a load may ask beyond the backend, which the client sets (wire.ts LoadOptions). */
export type LoadRequest = Omit<LoadOptions, 'backend'>;

/** Per-job extras of `caption`. */
export interface CaptionCallOptions {
  /** Aborting rejects the job at once with an AbortError and tells the worker to stop it. */
  signal?: AbortSignal;
  /**
   * Stages, tokens and pass captions as the worker produces them (dropped once the job has settled). Without it
   * the worker sends no events at all.
   */
  onEvent?: (event: CaptionEvent) => void;
  /** The kinds of event `onEvent` needs; the worker sends only those. Default: all. */
  events?: readonly CaptionEventType[];
}

export interface CaptionerClientOptions {
  /** Creates the worker; tests pass a stub. */
  spawn?: () => Worker;
  /** Crashes tolerated within `crashWindowMs` before the client gives up restarting. Default 3. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Clock, ms (injectable for tests). */
  now?: () => number;
}

function spawnCaptionerWorker(): Worker {
  return new Worker(new URL('../../workers/captioner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'captioner',
  });
}

/** A started captioner worker, bound to one backend preference for its whole life (restarts included). */
export class CaptionerClient {
  private worker!: Worker;
  private remote!: Remote<CaptionerApi>;
  private readonly pending = new PendingCalls();
  private readonly statusEmitter = new StatusEmitter();
  private readonly spawn: () => Worker;
  private readonly maxCrashes: number;
  private readonly crashWindowMs: number;
  private readonly now: () => number;
  private crashTimes: number[] = [];
  private lastJobId = 0;
  /** Set when the client gave up (terminate, or too many crashes): calls reject at once with it. */
  private dead: Error | null = null;
  /** The last model asked for: what a crash reloads when none has loaded yet. */
  private lastUrl: string | null = null;
  /** The last model that loaded: what the worker captions with, and what a crash reloads. */
  private inUse: ModelInUse | null = null;
  /** Bumped per load, so only the newest load sets the status. */
  private loadSerial = 0;

  constructor(
    readonly preference: BackendPreference,
    options: CaptionerClientOptions = {},
  ) {
    this.spawn = options.spawn ?? spawnCaptionerWorker;
    this.maxCrashes = options.maxCrashes ?? 3;
    this.crashWindowMs = options.crashWindowMs ?? 60_000;
    this.now = options.now ?? (() => performance.now());
    this.start();
  }

  /** The current status (see ClientStatus). */
  get status(): ClientStatus {
    return this.statusEmitter.status;
  }

  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void {
    return this.statusEmitter.subscribe(listener);
  }

  /**
   * Loads a bundle in the worker (replacing the current one once the new one is warmed up); `onProgress` sees
   * download bytes, then 'session' per part, then 'warmup'. Resolves when the model is ready to caption.
   * `spec`: a folder relative to the page, an absolute URL or a Hugging Face repo (see bundle-url.ts).
   */
  load(
    spec: string,
    onProgress: (progress: LoadProgress) => void = () => undefined,
    options: LoadRequest = {},
  ): Promise<RuntimeInfo> {
    let url: string;
    try {
      url = bundleUrlForWorker(spec, globalThis.location?.href);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.lastUrl = url;
    return this.loadWithStatus(
      url,
      onProgress,
      (progress) => ({ state: 'loading', url, progress, inUse: this.inUse }),
      options,
    );
  }

  /**
   * Captions a frame in the worker. The frame is transferred (an ImageBitmap, VideoFrame or ImageData is
   * unusable here afterwards) and closed by the worker. Rejects with an Error whose `name` says why: AbortError
   * (the signal fired), CancelledError, ImageDecodeError, NotLoadedError, WorkerCrashedError, ...
   */
  caption(frame: FrameInput, options: CaptionJobOptions = {}, call: CaptionCallOptions = {}): Promise<FrameCaption> {
    const { signal, onEvent, events: wanted } = call;
    if (signal?.aborted || this.dead) {
      closeFrame(frame);
      return Promise.reject(signal?.aborted ? abortError() : namedError('WorkerCrashedError', this.dead!.message));
    }
    const jobId = ++this.lastJobId;
    let open = true;
    const events = onEvent
      ? proxy((event: CaptionEvent) => {
          if (open) onEvent(event);
        })
      : undefined;
    let onAbort: (() => void) | null = null;
    const job = this.call((remote) => {
      const jobOptions = wanted ? { ...options, events: wanted } : options;
      const running = remote.caption(jobId, transfer(frame, transferablesOf(frame)), jobOptions, events);
      if (!signal) return running;
      return new Promise<FrameCaption>((resolve, reject) => {
        onAbort = () => {
          reject(abortError());
          remote.cancel(jobId).catch(() => undefined);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        running.then(resolve, reject);
      });
    });
    const cleanup = () => {
      open = false;
      // A transferred frame is already detached here (closing it is a no-op); one that never left is freed.
      closeFrame(frame);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    };
    job.then(cleanup, cleanup);
    return job;
  }

  /** What runs, as observed: backend, threads, isolation, adapter, the loaded bundle, resources held. */
  info(): Promise<RuntimeInfo> {
    return this.call((remote) => remote.info());
  }

  /**
   * Kills the worker at once (the last-resort cancel), rejects what was in flight with WorkerCrashedError,
   * starts a fresh worker and reloads the model in use (resolves with its info, or null when none was asked for).
   */
  restart(): Promise<RuntimeInfo | null> {
    this.dead = null;
    this.crashTimes = [];
    this.stop('the captioner worker was restarted');
    return this.replaceWorker(0);
  }

  /** Kills the worker for good: pending and later calls reject with WorkerCrashedError. */
  terminate(): void {
    this.stop('the captioner worker was terminated');
    this.dead = namedError('WorkerCrashedError', 'the captioner worker was terminated');
  }

  /**
   * Calls a wider API than the app's, on a worker that a subclass's `spawn` started with it (the test build's
   * client, src/testing/), tracked like every call.
   */
  protected callAs<Api, T>(start: (remote: Remote<Api>) => Promise<T>): Promise<T> {
    return this.call((remote) => start(remote as unknown as Remote<Api>));
  }

  /** Runs a call on the current worker, tracked so a crash rejects it. */
  private call<T>(start: (remote: Remote<CaptionerApi>) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(namedError('WorkerCrashedError', this.dead.message));
    const remote = this.remote;
    return this.pending.track(() => start(remote));
  }

  private stop(message: string): void {
    this.worker.removeEventListener('error', this.onWorkerError);
    this.worker.terminate();
    this.pending.rejectAll(() => namedError('WorkerCrashedError', message));
  }

  private start(): void {
    this.worker = this.spawn();
    this.worker.addEventListener('error', this.onWorkerError);
    this.remote = wrap<CaptionerApi>(this.worker);
  }

  private readonly onWorkerError = (event: ErrorEvent | Event): void => {
    // Handled here: the page need not report it as uncaught too.
    event.preventDefault();
    const message = 'message' in event && event.message ? event.message : 'the captioner worker failed';
    const now = this.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.crashWindowMs), now];
    const crash = namedError('WorkerCrashedError', `the captioner worker crashed: ${message}`);
    // The jobs in flight are rejected before 'crashed' is announced, so their callers hear why before a view
    // that stops on the status cancels them.
    this.stop(crash.message);
    this.statusEmitter.set({ state: 'crashed', error: toPlainError(crash), crashes: this.crashTimes.length });
    if (this.crashTimes.length > this.maxCrashes) {
      const error = namedError(
        'WorkerCrashedError',
        `the captioner worker crashed ${this.crashTimes.length} times within ${this.crashWindowMs / 1000} s; ` +
          `not restarting (last: ${message}); restart() tries again`,
      );
      this.dead = error;
      this.inUse = null;
      this.statusEmitter.set({ state: 'error', url: this.reloadUrl(), error: toPlainError(error) });
      return;
    }
    void this.replaceWorker(this.crashTimes.length).catch(() => undefined);
  };

  private replaceWorker(crashes: number): Promise<RuntimeInfo | null> {
    this.start();
    // Not the last model asked for, which may be the one that brought the worker down while it loaded.
    const url = this.reloadUrl();
    this.inUse = null;
    if (url === null) {
      this.statusEmitter.set({ state: 'idle' });
      return Promise.resolve(null);
    }
    return this.loadWithStatus(
      url,
      () => undefined,
      (progress) => ({ state: 'restarting', url, progress, crashes }),
    );
  }

  private reloadUrl(): string | null {
    return this.inUse?.url ?? this.lastUrl;
  }

  private loadWithStatus(
    url: string,
    onProgress: (progress: LoadProgress) => void,
    loading: (progress: LoadProgress | null) => ClientStatus,
    request: LoadRequest = {},
  ): Promise<RuntimeInfo> {
    const serial = ++this.loadSerial;
    const current = () => serial === this.loadSerial;
    this.statusEmitter.set(loading(null));
    const reporter = proxy((progress: LoadProgress) => {
      if (current()) this.statusEmitter.set(loading(progress));
      onProgress(progress);
    });
    const loaded = this.call((remote) => remote.load(url, reporter, { ...request, backend: this.preference }));
    loaded.then(
      (info) => {
        // The worker swaps a model in once it is warmed up, so whichever load finished last is the one in use.
        this.inUse = { url, info };
        if (current()) this.statusEmitter.set({ state: 'ready', url, info });
        else {
          const now = this.statusEmitter.status;
          // An older load finished under a newer one: it captions until the newer one is ready.
          if (now.state === 'loading') this.statusEmitter.set({ ...now, inUse: this.inUse });
        }
      },
      (error: unknown) => {
        // A crash has its own status; a newer load owns the status.
        if (!current() || (error as Error)?.name === 'WorkerCrashedError') return;
        // The worker keeps the model in use when another fails to load: still ready with it.
        const inUse = this.inUse;
        this.statusEmitter.set(
          inUse
            ? { state: 'ready', url: inUse.url, info: inUse.info }
            : { state: 'error', url, error: toPlainError(error) },
        );
      },
    );
    return loaded;
  }
}
