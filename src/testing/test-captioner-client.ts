import type { RunResult, WireTensor } from '../../workers/testing/test-wire';
import type { TestCaptionerApi } from '../../workers/testing/captioner.worker';
import type { BackendPreference } from '../../workers/runtime/select-backend';
import { CaptionerClient, type CaptionerClientOptions } from '../bridge/captioner-client';

export type { RunResult, WireTensor };

function spawnTestWorker(): Worker {
  return new Worker(new URL('../../workers/testing/captioner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'captioner',
  });
}

/** The app's client on the test build's worker, with the hooks only tests call (README.md). */
export class TestCaptionerClient extends CaptionerClient {
  constructor(preference: BackendPreference, options: Omit<CaptionerClientOptions, 'spawn'> = {}) {
    super(preference, { ...options, spawn: spawnTestWorker });
  }

  /** Runs one part of the loaded bundle on plain tensors (the parts fixture, public/models/fixture). */
  run(part: string, feeds: Record<string, WireTensor>): Promise<RunResult> {
    return this.callAs<TestCaptionerApi, RunResult>((remote) => remote.run(part, feeds));
  }

  /** Caption jobs the worker holds now (queued or running): a leak check. */
  pendingJobs(): Promise<number[]> {
    return this.callAs<TestCaptionerApi, number[]>((remote) => remote.pendingJobs());
  }

  /** Makes the worker throw outside any call, as a crash would. */
  crashForTesting(): Promise<void> {
    return this.callAs<TestCaptionerApi, void>((remote) => remote.crashForTesting());
  }

  /** The worker's next caption job crashes it while that job runs (no race with a fast job). */
  crashOnNextCaptionForTesting(): Promise<void> {
    return this.callAs<TestCaptionerApi, void>((remote) => remote.crashOnNextCaptionForTesting());
  }

  /** Destroys the worker's WebGPU device (resolves false on WASM); the worker then restarts. */
  loseDeviceForTesting(): Promise<boolean> {
    return this.callAs<TestCaptionerApi, boolean>((remote) => remote.loseDeviceForTesting());
  }
}
