import { bundleLayout, partFile } from './bundle-parts';
import { createSessions } from './create-sessions';
import { BackendError, ModelLoadError, NotLoadedError, messageOf } from './errors';
import { fetchFiles } from './fetch-files';
import { OrtBackend } from './ort-backend';
import { configureOrt, ort, ortWasmThreads } from './ort-env';
import { probeEnvironment } from './probe-environment';
import { selectBackend, type BackendChoice, type BackendPreference, type EnvironmentFacts } from './select-backend';
import { countSpawnedWorkers } from './spawn-counter';
import type { BundleInfo, LoadOptions, LoadProgress, RunResult, RuntimeInfo, WireTensor } from './wire';

/** Every part of docs/model-format.md is float32, so no bundle needs shader-f16 yet. */
const NEEDS = { shaderF16: false };

/**
 * The worker's state: the backend (chosen once per worker, since ORT's env is global), the loaded bundle and
 * its OrtBackend. captioner.worker.ts exposes it over comlink; later features reach the sessions via `backend`.
 */
export class CaptionerRuntime {
  private readonly spawnedWorkers = countSpawnedWorkers();
  private startup: { preference: BackendPreference; ready: Promise<BackendChoice> } | null = null;
  private facts: EnvironmentFacts | null = null;
  private choice: BackendChoice | null = null;
  private loaded: { bundle: BundleInfo; backend: OrtBackend } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** `assetBaseUrl`: absolute URL of the folder holding ORT's .mjs/.wasm files. */
  constructor(private readonly assetBaseUrl: string) {}

  /** The loaded bundle's backend, for code that runs models inside the worker (the caption engine). */
  get backend(): OrtBackend {
    if (!this.loaded) throw new NotLoadedError();
    return this.loaded.backend;
  }

  /** Loads a bundle (replacing the current one) once earlier loads have finished. */
  load(url: string, options: LoadOptions, onProgress: (p: LoadProgress) => void): Promise<RuntimeInfo> {
    const next = this.queue.then(() => this.loadNow(url, options, onProgress));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs one part on plain inputs and reads every output back, noting where ORT had left it. */
  async run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    const backend = this.backend;
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

  info(): RuntimeInfo {
    const adapter = this.facts?.adapter ?? null;
    return {
      ortVersion: ort.env.versions.web ?? 'unknown',
      requested: this.startup?.preference ?? null,
      backend: this.loaded ? this.choice!.name : null,
      reason: this.choice?.reason ?? null,
      wasmThreads: this.loaded ? ortWasmThreads() : null,
      pthreadWorkers: this.spawnedWorkers(),
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      adapter: adapter && { ...adapter },
      bundle: this.loaded && { ...this.loaded.bundle, parts: [...this.loaded.bundle.parts] },
    };
  }

  private async loadNow(url: string, options: LoadOptions, onProgress: (p: LoadProgress) => void) {
    const choice = await this.start(options.backend);
    const base = new URL(url.endsWith('/') ? url : `${url}/`, globalThis.location.href).href;
    const config = await fetchFiles(base, ['config.json'], () => undefined);
    const layout = bundleLayout(parseJson(config.get('config.json')!));
    const files = await fetchFiles(base, layout.parts.map(partFile), onProgress);
    const byPart = new Map(layout.parts.map((part) => [part, files.get(partFile(part))!]));
    let loadedBytes = 0;
    for (const bytes of byPart.values()) loadedBytes += bytes.length;
    const progress = (phase: LoadProgress['phase'], file: string) =>
      onProgress({ phase, file, loadedBytes, totalBytes: loadedBytes });

    const sessions = await createSessions(choice.name, byPart, (part) => progress('session', partFile(part)));
    const previous = this.loaded;
    this.loaded = {
      bundle: { url: base, modelType: layout.modelType, parts: layout.parts },
      backend: new OrtBackend(choice.name, sessions, ort.Tensor),
    };
    await previous?.backend.close();
    progress('ready', '');
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

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelLoadError(`config.json is not valid JSON: ${messageOf(error)}`);
  }
}

function toRef(backend: OrtBackend, name: string, t: WireTensor) {
  if (t.type === 'float32' && t.data instanceof Float32Array) return backend.create('float32', t.data, t.dims);
  if (t.type === 'int64' && t.data instanceof BigInt64Array) return backend.create('int64', t.data, t.dims);
  throw new TypeError(`input '${name}': type '${t.type}' does not match its ${t.data.constructor.name} data`);
}
