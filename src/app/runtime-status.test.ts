import { describe, expect, it } from 'vitest';
import type { CaptionerClient, LoadProgress, RuntimeInfo } from '../bridge/captioner-client';
import { loadRuntime, type RuntimeStatus } from './runtime-status';

/** A client whose load the test drives by hand. */
function fakeClient() {
  let progress!: (p: LoadProgress) => void;
  let settle!: { resolve: (info: RuntimeInfo) => void; reject: (error: unknown) => void };
  const client = {
    load: (_url: string, onProgress: (p: LoadProgress) => void) => {
      progress = onProgress;
      return new Promise<RuntimeInfo>((resolve, reject) => (settle = { resolve, reject }));
    },
  } as unknown as CaptionerClient;
  return { client, progress: (p: LoadProgress) => progress(p), settle: () => settle };
}

const PROGRESS: LoadProgress = { phase: 'download', file: 'onnx/a.onnx', loadedBytes: 5, totalBytes: 10 };

describe('loadRuntime', () => {
  it('goes loading -> progress -> ready and notifies subscribers', async () => {
    const fake = fakeClient();
    const store = loadRuntime(fake.client, '/models/x/');
    const seen: RuntimeStatus[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    expect(store.getSnapshot()).toEqual({ state: 'loading', progress: null });

    fake.progress(PROGRESS);
    const info = { backend: 'wasm', wasmThreads: 2 } as RuntimeInfo;
    fake.settle().resolve(info);
    expect(await store.settled).toEqual({ state: 'ready', info });
    expect(seen).toEqual([
      { state: 'loading', progress: PROGRESS },
      { state: 'ready', info },
    ]);
  });

  it('keeps the error name a worker error crossed comlink with', async () => {
    const fake = fakeClient();
    const store = loadRuntime(fake.client, '/models/x/');
    const error = Object.assign(new Error('no adapter'), { name: 'BackendError' });
    fake.settle().reject(error);
    expect(await store.settled).toEqual({ state: 'error', error: { name: 'BackendError', message: 'no adapter' } });
    // Late progress messages must not hide the failure.
    fake.progress(PROGRESS);
    expect(store.getSnapshot().state).toBe('error');
  });
});
