import { resolveBundleUrl } from '../../src/core/bundle/resolve-url';
import { createEngine } from '../../src/core/create-engine';
import type { CaptionEngine } from '../../src/core/engine';
import { captionFrame } from './caption-frame';
import { createSessions } from './create-sessions';
import { type DeviceLostInfo, ortWebGpuDevice, watchDeviceLoss } from './device-loss';
import { type DownloadedBundle, downloadBundle } from './download-bundle';
import { BackendError, messageOf, ModelLoadError, NotLoadedError, toWorkerError } from './errors';
import { JobQueue } from './job-queue';
import { OrtBackend } from '../../src/ort/ort-backend';
import { configureOrt, ort, ortWasmThreads } from './ort-env';
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
  RunResult,
  RuntimeInfo,
  WireTensor,
} from './wire';
import { closeFrame } from './prepare-frame';

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

interface Loaded {
  bundle: BundleInfo;
  backend: OrtBackend;
  engine: CaptionEngine | null;
}

/**
 * The worker's state: the backend (chosen once per worker, since ORT's env is global), the loaded bundle, its
 * OrtBackend and captioner. Loads and captions run one at a time through one queue; captioner.worker.ts exposes
 * this over comlink.
 */
export class CaptionerRuntime {
  private readonly spawnedWorkers = countSpawnedWorkers();
  private startup: { preference: BackendPreference; ready: Promise<BackendChoice> } | null = null;
  private facts: EnvironmentFacts | null = null;
  private choice: BackendChoice | null = null;
  private loaded: Loaded | null = null;
  private readonly jobs = new JobQueue();

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
    emit: (event: CaptionEvent) => void,
  ): Promise<FrameCaption> {
    const job = this.jobs.run(
      jobId,
      (isCancelled) => {
        const engine = this.loaded?.engine;
        if (!this.loaded) throw new NotLoadedError();
        if (!engine) throw new NotLoadedError(`'${this.loaded.bundle.modelType}' is not a captioner bundle`);
        return captionFrame(engine, frame, options, emit, isCancelled);
      },
      () => closeFrame(frame),
    );
    return wrapErrors(job);
  }

  /** Asks a queued or running caption to stop; false when the job is unknown (finished already). */
  cancel(jobId: number): boolean {
    return this.jobs.cancel(jobId);
  }

  /** Caption jobs queued or running (a leak check for tests). */
  pendingJobs(): number[] {
    return this.jobs.pending;
  }

  /** Runs one part on plain inputs and reads every output back, noting where ORT had left it. */
  async run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    if (!this.loaded) throw new NotLoadedError();
    const backend = this.loaded.backend;
    const inputs = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, toRef(backend, name, t)]));
    const started = performance.now();
    try {
      const outputs = await backend.run(part, inputs, backend.signature(part).outputs);
      const result: RunResult = { outputs: {}, locations: {}, backend: this.choice!.name, elapsedMs: 0 };
      for (const [name, ref] of Object.entries(outputs)) {
        result.locations[name] = backend.location(ref);
        result.outputs[name] = { type: ref.type, dims: [...ref.dims], data: await backend.download(ref) };
        backend.release(ref);
      }
      result.elapsedMs = performance.now() - started;
      return result;
    } finally {
      for (const ref of Object.values(inputs)) backend.release(ref);
    }
  }

  /** Test hook: destroys ORT's WebGPU device, as a driver reset would; false when none runs (WASM). */
  loseDeviceForTesting(): boolean {
    const device = ortWebGpuDevice();
    device?.destroy();
    return device !== null;
  }

  info(): RuntimeInfo {
    const adapter = this.facts?.adapter ?? null;
    const bundle = this.loaded?.bundle;
    const tensors = this.loaded?.backend.liveTensors() ?? { tensors: 0, gpuBuffers: 0 };
    return {
      ortVersion: ort.env.versions.web ?? 'unknown',
      requested: this.startup?.preference ?? null,
      backend: this.loaded ? this.choice!.name : null,
      reason: this.choice?.reason ?? null,
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
    const choice = await this.start(options.backend);
    const location = resolveBundleUrl(url, { base: globalThis.location.href });
    const store = await openModelCache();
    const network = (u: string, init?: RequestInit) => fetch(u, init);
    const { fetch: fetchFn, cache } = store ? validatedCache(store, network) : { fetch: network, cache: undefined };
    const downloaded = await downloadBundle(location, { fetch: fetchFn, cache, onProgress });
    const { modelType, parts, cachedFiles } = describe(downloaded);
    let loadedBytes = 0;
    for (const bytes of parts.values()) loadedBytes += bytes.length;
    const progress = (phase: LoadProgress['phase'], file = '') =>
      onProgress({ phase, file, loadedBytes, totalBytes: loadedBytes });

    const sessions = await createSessions(choice.name, parts, (part) => progress('session', `onnx/${part}.onnx`));
    const backend = new OrtBackend(choice.name, sessions, ort.Tensor);
    const device = choice.name === 'webgpu' ? ortWebGpuDevice() : null;
    const { onDeviceLost } = this.hooks;
    if (device && onDeviceLost) watchDeviceLoss(device, onDeviceLost);
    let engine: CaptionEngine | null = null;
    let warmupMs: number | null = null;
    try {
      if (downloaded.kind === 'captioner') {
        const created = createEngine(downloaded.files, backend);
        engine = created;
        progress('warmup');
        warmupMs = await created.warmUp().catch((error: unknown) => {
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
      throw error;
    }
    const previous = this.loaded;
    const name = location.baseUrl.replace(/\/+$/, '').split('/').pop() ?? '';
    this.loaded = {
      bundle: {
        url: location.baseUrl,
        name,
        modelType,
        parts: [...parts.keys()],
        captioner: engine !== null,
        cachedFiles,
        warmupMs,
      },
      backend,
      engine,
    };
    await previous?.backend.close();
    progress('ready');
    return this.info();
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
      configureOrt(choice, this.assetBaseUrl);
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

function describe(downloaded: DownloadedBundle) {
  if (downloaded.kind === 'parts') {
    return { modelType: downloaded.modelType, parts: downloaded.parts, cachedFiles: [] as string[] };
  }
  const { config, parts, cachedFiles } = downloaded.files;
  return { modelType: config.model_type, parts: new Map(Object.entries(parts)), cachedFiles };
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

function toRef(backend: OrtBackend, name: string, t: WireTensor) {
  if (t.type === 'float32' && t.data instanceof Float32Array) return backend.create('float32', t.data, t.dims);
  if (t.type === 'int64' && t.data instanceof BigInt64Array) return backend.create('int64', t.data, t.dims);
  throw new TypeError(`input '${name}': type '${t.type}' does not match its ${t.data.constructor.name} data`);
}
