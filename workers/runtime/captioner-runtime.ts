import { type BundleLocation, resolveBundleUrl } from '../../src/core/bundle/resolve-url';
import type { CaptionEngine } from '../../src/core/engine';
import { captionFrame } from './caption-frame';
import { createSessions } from './create-sessions';
import { type DeviceLostInfo, ortWebGpuDevice, watchDeviceLoss } from './device-loss';
import { type BundleReader, type DownloadedBundle, type DownloadOptions, downloadBundle } from './download-bundle';
import { readHubModel } from './hub/read-hub-model';
import { hubRepoOf } from '../../src/core/hub/hub-repo';
import { BackendError, messageOf, ModelLoadError, NotLoadedError, toWorkerError } from './errors';
import { JobQueue } from './job-queue';
import { OrtBackend } from '../../src/ort/ort-backend';
import { ort, ortVersion, ortWasmThreads, startOrt } from './ort-env';
import { probeEnvironment } from './probe-environment';
import { selectBackend, type BackendChoice, type BackendPreference, type EnvironmentFacts } from './select-backend';
import { countSpawnedWorkers } from './spawn-counter';
import { type CacheLike, validatedCache } from './validated-cache';
import type {
  BundleInfo,
  CaptionEvent,
  CaptionJobOptions,
  FrameCaption,
  FrameInput,
  LoadOptions,
  LoadProgress,
  RuntimeInfo,
} from './wire';
import { closeFrame } from './wire';

/** Every part of docs/model-format.md is float32, so no bundle needs shader-f16 yet. */
const NEEDS = { shaderF16: false };

/** Where verified bundle files are kept between visits (src/core's loader reads and fills it). */
export const MODEL_CACHE_NAME = 'glance-models-v1';

/** What the worker entry gives the runtime beyond ORT's asset URL. */
export interface RuntimeHooks {
  /** Called once when the WebGPU device a loaded model runs on is lost (device-loss.ts). */
  onDeviceLost?: (info: DeviceLostInfo) => void;
  /** Current size of ORT's WebAssembly memory (wasm-memory.ts). */
  wasmMemoryBytes?: () => number | null;
}

/** The loaded bundle: what `info` reports, the sessions, and its captioner (null: it only runs parts). */
interface Loaded {
  bundle: BundleInfo;
  backend: OrtBackend;
  engine: CaptionEngine | null;
  /** What the bundle holds beyond `backend` (a hub model's own sessions). */
  dispose?: () => Promise<void>;
  /** A hub model that runs on WASM in a WebGPU worker (WebGPU could not hold it), and why. */
  ranOn: { backend: 'wasm'; reason: string } | null;
}

/**
 * The worker's state: the backend (chosen once per worker, since ORT's env is global), the loaded bundle, its
 * OrtBackend and captioner. Loads and captions run one at a time through one queue; captioner-api.ts adapts
 * this to comlink, and workers/testing/ extends it with test hooks for the test build.
 */
export class CaptionerRuntime {
  private readonly spawnedWorkers = countSpawnedWorkers();
  private startup: { preference: BackendPreference; ready: Promise<BackendChoice> } | null = null;
  private facts: EnvironmentFacts | null = null;
  private choice: BackendChoice | null = null;
  /** Read by the test worker's runtime (workers/testing/), which runs parts of it on plain tensors. */
  protected loaded: Loaded | null = null;
  /** Loads and captions, one at a time; the test worker's runtime reports what it holds. */
  protected readonly jobs = new JobQueue();

  /** `assetBaseUrl`: absolute URL of the folder holding ORT's .mjs/.wasm files. */
  constructor(
    private readonly assetBaseUrl: string,
    private readonly hooks: RuntimeHooks = {},
  ) {}

  /** Loads a bundle (replacing the current one only once the new one has warmed up) after earlier jobs. */
  load(url: string, options: LoadOptions, onProgress: (p: LoadProgress) => void): Promise<RuntimeInfo> {
    return wrapErrors(this.jobs.run(null, () => this.loadNow(url, options, onProgress)));
  }

  /** Captions a frame after earlier jobs; the frame is closed whatever happens. */
  caption(
    jobId: number,
    frame: FrameInput,
    options: CaptionJobOptions,
    emit: ((event: CaptionEvent) => void) | null,
  ): Promise<FrameCaption> {
    const job = this.jobs.run(
      jobId,
      (isCancelled) => {
        const engine = this.loaded?.engine;
        if (!this.loaded) throw new NotLoadedError();
        if (!engine) throw new NotLoadedError(`'${this.loaded.bundle.modelType}' is not a captioner bundle`);
        // Named at the start: a load that finishes meanwhile replaces the model only for later jobs.
        const model = this.loaded.bundle.name;
        return captionFrame(engine, frame, options, emit, isCancelled).then((caption) => ({ ...caption, model }));
      },
      () => closeFrame(frame),
    );
    return wrapErrors(job);
  }

  /** Asks a queued or running caption to stop; false when the job is unknown (finished already). */
  cancel(jobId: number): boolean {
    return this.jobs.cancel(jobId);
  }

  /** What runs, as observed: backend, threads, isolation, adapter, the loaded bundle, resources held. */
  info(): RuntimeInfo {
    const adapter = this.facts?.adapter ?? null;
    const bundle = this.loaded?.bundle;
    const tensors = this.loaded?.backend.liveTensors() ?? { tensors: 0, gpuBuffers: 0 };
    return {
      ortVersion: ortVersion(),
      requested: this.startup?.preference ?? null,
      backend: this.loaded ? (this.loaded.ranOn?.backend ?? this.choice!.name) : null,
      reason: this.loaded?.ranOn?.reason ?? this.choice?.reason ?? null,
      wasmThreads: this.loaded ? ortWasmThreads() : null,
      pthreadWorkers: this.spawnedWorkers(),
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      adapter: adapter && { ...adapter },
      bundle: bundle ? { ...bundle, parts: [...bundle.parts], cachedFiles: [...bundle.cachedFiles] } : null,
      resources: {
        liveTensors: tensors.tensors,
        gpuBuffers: tensors.gpuBuffers,
        wasmMemoryBytes: this.hooks.wasmMemoryBytes?.() ?? null,
      },
    };
  }

  private async loadNow(url: string, options: LoadOptions, onProgress: (p: LoadProgress) => void) {
    // The backend probe (a WebGPU adapter request: 100s of ms on a first load) runs while the bundle is read:
    // a Glance bundle's files do not depend on the backend, and a hub model's reader waits for the choice itself.
    const starting = this.start(options.backend);
    const location = resolveBundleUrl(url, { base: globalThis.location.href });
    const store = await openModelCache();
    const network = (u: string, init?: RequestInit) => fetch(u, init);
    const { fetch: fetchFn, cache } = store ? validatedCache(store, network) : { fetch: network, cache: undefined };
    const readHub: BundleReader = async (where, config, readOptions) =>
      hubRepoOf(where) === null
        ? null
        : readHubModel(where, config, readOptions, {
            choice: await starting,
            hasShaderF16: this.facts?.adapter?.hasShaderF16 ?? false,
            assetBaseUrl: this.assetBaseUrl,
            allowLargeDownload: options.allowLargeDownload === true,
          });
    const reading = this.download(location, { fetch: fetchFn, cache, onProgress, readHub });
    // A refused backend is the load's error even while the bundle is still being read (which then goes unheard).
    reading.catch(() => undefined);
    const choice = await starting;
    // ORT's runtime starts (build, WebAssembly, threads, device) while the bundle downloads or is read from the
    // cache: on a warm load the two used to follow each other (ort-env.ts, startOrt).
    const [downloaded] = await Promise.all([reading, startOrt(choice, this.assetBaseUrl)]);
    const { modelType, parts, cachedFiles } = downloaded;
    let loadedBytes = 0;
    for (const bytes of parts.values()) loadedBytes += bytes.length;
    const progress = (phase: 'session' | 'warmup' | 'ready', file = '') =>
      onProgress({ phase, file, loadedBytes, totalBytes: loadedBytes });

    const sessions = await createSessions(choice.name, parts, (part) => progress('session', `onnx/${part}.onnx`));
    const backend = new OrtBackend(choice.name, sessions, ort().Tensor);
    const device = choice.name === 'webgpu' ? ortWebGpuDevice() : null;
    const { onDeviceLost } = this.hooks;
    if (device && onDeviceLost) watchDeviceLoss(device, onDeviceLost);
    let engine: CaptionEngine | null = null;
    let warmupMs: number | null = null;
    try {
      if (downloaded.createEngine) {
        const created = downloaded.createEngine(backend);
        engine = created;
        progress('warmup');
        warmupMs = await (
          downloaded.warmupMs !== undefined ? Promise.resolve(downloaded.warmupMs) : created.warmUp()
        ).catch((error: unknown) => {
          // Every session was built, so a failing run is a config.json that does not fit the graphs (a size).
          if ((error as Error)?.name !== 'BackendError') throw error;
          throw new ModelLoadError(
            `the warm-up caption failed; does config.json match the ONNX files? ${messageOf(error)}`,
            {
              cause: error,
            },
          );
        });
      }
    } catch (error) {
      await backend.close();
      await downloaded.dispose?.();
      throw error;
    }
    const previous = this.loaded;
    const name = hubRepoOf(location)?.id ?? location.baseUrl.replace(/\/+$/, '').split('/').pop() ?? '';
    this.loaded = {
      bundle: {
        url: location.baseUrl,
        name,
        modelType,
        parts: downloaded.partNames ?? [...parts.keys()],
        captioner: engine !== null,
        cachedFiles,
        warmupMs,
        dtype: downloaded.dtype ?? null,
        notice: downloaded.ranOn?.reason ?? null,
      },
      ranOn: downloaded.ranOn ?? null,
      backend,
      engine,
      dispose: downloaded.dispose,
    };
    await previous?.backend.close();
    await previous?.dispose?.();
    progress('ready');
    return this.info();
  }

  /** Downloads the bundle at `location`; the test worker's runtime also reads its parts fixture here. */
  protected download(location: BundleLocation, options: DownloadOptions): Promise<DownloadedBundle> {
    return downloadBundle(location, options);
  }

  /** Chooses the backend and configures ORT, once per worker; a later load may not ask for another backend. */
  private start(preference: BackendPreference): Promise<BackendChoice> {
    if (this.startup) {
      if (this.startup.preference !== preference) {
        const message = `this worker runs '${this.startup.preference}'; a '${preference}' backend needs a new worker`;
        return Promise.reject(new BackendError(message));
      }
      return this.startup.ready;
    }
    const ready = (async () => {
      this.facts = await probeEnvironment();
      const choice = selectBackend(preference, this.facts, NEEDS);
      this.choice = choice;
      return choice;
    })();
    this.startup = { preference, ready };
    // A refused choice (forced WebGPU, no adapter) touched nothing global: let a later call try again.
    ready.catch(() => {
      if (this.choice === null) this.startup = null;
    });
    return ready;
  }
}

/** The Cache API store for bundle files, or undefined where the worker has none (it then always downloads). */
async function openModelCache(): Promise<CacheLike | undefined> {
  if (typeof caches === 'undefined') return undefined;
  try {
    return await caches.open(MODEL_CACHE_NAME);
  } catch {
    return undefined;
  }
}

/** Rejections keep a stable name the UI can act on (see errors.ts). */
function wrapErrors<T>(job: Promise<T>): Promise<T> {
  return job.catch((error: unknown) => {
    throw toWorkerError(error);
  });
}
