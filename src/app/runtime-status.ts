import type { CaptionerClient, LoadProgress, RuntimeInfo } from '../bridge/captioner-client';

/** Where the worker runtime stands, as the shell shows it. */
export type RuntimeStatus =
  | { state: 'loading'; progress: LoadProgress | null }
  | { state: 'ready'; info: RuntimeInfo }
  | { state: 'error'; error: { name: string; message: string } };

/** A tiny external store (for useSyncExternalStore) that loads one bundle once and tracks the outcome. */
export interface RuntimeStatusStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): RuntimeStatus;
  /** Settles when the load has succeeded or failed (never rejects). */
  settled: Promise<RuntimeStatus>;
}

export function loadRuntime(client: CaptionerClient, bundleUrl: string): RuntimeStatusStore {
  let status: RuntimeStatus = { state: 'loading', progress: null };
  const listeners = new Set<() => void>();
  const set = (next: RuntimeStatus) => {
    status = next;
    for (const listener of listeners) listener();
  };
  const settled = client
    .load(bundleUrl, (progress) => {
      if (status.state === 'loading') set({ state: 'loading', progress });
    })
    .then(
      (info): RuntimeStatus => ({ state: 'ready', info }),
      (error: unknown): RuntimeStatus => ({
        state: 'error',
        error:
          error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) },
      }),
    )
    .then((final) => {
      set(final);
      return final;
    });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => status,
    settled,
  };
}
