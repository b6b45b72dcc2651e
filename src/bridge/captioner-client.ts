/**
 * The UI's only door to the captioner worker, and the only UI file that imports comlink. It owns the worker's
 * life: start, a typed Remote, progress callbacks as comlink proxies, terminate and restart as the hard stop.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { CaptionerApi } from '../../workers/captioner.worker';
import type { RuntimeErrorName } from '../../workers/runtime/errors';
import type { BackendPreference } from '../../workers/runtime/select-backend';
import type { LoadProgress, RunResult, RuntimeInfo, WireTensor } from '../../workers/runtime/wire';

export type { LoadProgress, RunResult, RuntimeInfo, WireTensor, BackendPreference, RuntimeErrorName };

/** A started captioner worker, bound to one backend preference for its whole life. */
export class CaptionerClient {
  private worker!: Worker;
  private remote!: Remote<CaptionerApi>;

  constructor(readonly preference: BackendPreference) {
    this.start();
  }

  /** Loads a bundle in the worker; `onProgress` is called from the worker while files download. */
  load(url: string, onProgress: (progress: LoadProgress) => void = () => undefined): Promise<RuntimeInfo> {
    return this.remote.load(url, proxy(onProgress), { backend: this.preference });
  }

  /** Runs one part of the loaded bundle on plain tensors. */
  run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    return this.remote.run(part, feeds);
  }

  info(): Promise<RuntimeInfo> {
    return this.remote.info();
  }

  /** Kills the worker at once (the last-resort cancel) and starts a fresh one; loaded bundles are gone. */
  restart(): void {
    this.terminate();
    this.start();
  }

  /** Kills the worker; pending calls never settle. */
  terminate(): void {
    this.worker.terminate();
  }

  private start(): void {
    this.worker = new Worker(new URL('../../workers/captioner.worker.ts', import.meta.url), {
      type: 'module',
      name: 'captioner',
    });
    this.remote = wrap<CaptionerApi>(this.worker);
  }
}

/** The stable name of an error thrown in the worker (comlink keeps `name`), or 'Error' for anything else. */
export function errorNameOf(error: unknown): RuntimeErrorName | string {
  return error instanceof Error ? error.name : 'Error';
}
