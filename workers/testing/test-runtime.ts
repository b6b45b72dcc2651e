import type { BundleLocation } from '../../src/core/bundle/resolve-url';
import type { OrtBackend } from '../../src/ort/ort-backend';
import { CaptionerRuntime } from '../runtime/captioner-runtime';
import { ortWebGpuDevice } from '../runtime/device-loss';
import { type DownloadedBundle, type DownloadOptions, downloadBundle } from '../runtime/download-bundle';
import { NotLoadedError } from '../runtime/errors';
import {
  closeFrame,
  type CaptionEvent,
  type CaptionJobOptions,
  type FrameCaption,
  type FrameInput,
} from '../runtime/wire';
import { readPartsFixture } from './parts-fixture';
import type { RunResult, WireTensor } from './test-wire';

/**
 * The app's runtime plus what only tests need: it also loads the parts fixture, runs one part on plain tensors,
 * lists the jobs it holds and destroys its WebGPU device on request.
 */
export class TestCaptionerRuntime extends CaptionerRuntime {
  private crashArmed = false;

  protected override download(location: BundleLocation, options: DownloadOptions): Promise<DownloadedBundle> {
    return downloadBundle(location, options, readPartsFixture);
  }

  /** Caption jobs queued or running (a leak check). */
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
      const result: RunResult = { outputs: {}, locations: {}, backend: this.info().backend!, elapsedMs: 0 };
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

  /**
   * The next caption job, once it starts, never finishes: the worker throws outside any call while it runs, as a
   * crash mid-caption would. A crash provoked from the page instead races the job (a fast job can finish first).
   */
  crashOnNextCaption(): void {
    this.crashArmed = true;
  }

  override caption(
    jobId: number,
    frame: FrameInput,
    options: CaptionJobOptions,
    emit: ((event: CaptionEvent) => void) | null,
  ): Promise<FrameCaption> {
    if (!this.crashArmed) return super.caption(jobId, frame, options, emit);
    this.crashArmed = false;
    return this.jobs.run(
      jobId,
      () => {
        crashSoon();
        return new Promise<FrameCaption>(() => undefined);
      },
      () => closeFrame(frame),
    );
  }

  /** Destroys ORT's WebGPU device, as a driver reset would; false when none runs (WASM). */
  loseDevice(): boolean {
    const device = ortWebGpuDevice();
    device?.destroy();
    return device !== null;
  }
}

/** Throws outside any call (an uncaught error ends the worker), so the bridge's restart path runs. */
export function crashSoon(): void {
  setTimeout(() => {
    throw new Error('crashForTesting: the captioner worker crashed on purpose');
  });
}

function toRef(backend: OrtBackend, name: string, t: WireTensor) {
  if (t.type === 'float32' && t.data instanceof Float32Array) return backend.create('float32', t.data, t.dims);
  if (t.type === 'int64' && t.data instanceof BigInt64Array) return backend.create('int64', t.data, t.dims);
  throw new TypeError(`input '${name}': type '${t.type}' does not match its ${t.data.constructor.name} data`);
}
