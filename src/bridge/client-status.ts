import type { LoadProgress, RuntimeInfo } from '../../workers/runtime/wire';

/** An error as the status shows it (plain data). */
export interface StatusError {
  name: string;
  message: string;
}

/**
 * Where the captioner worker stands, for the UI to show. In order: 'idle' (no load asked yet) -> 'loading'
 * -> 'ready' | 'error'. When the worker dies: 'crashed' (jobs in flight were rejected), then 'restarting' (a
 * fresh worker reloads the last model) -> 'ready' | 'error'. After too many crashes in a row it stays 'error'.
 */
export type ClientStatus =
  | { state: 'idle' }
  | { state: 'loading'; url: string; progress: LoadProgress | null }
  | { state: 'ready'; url: string; info: RuntimeInfo }
  | { state: 'error'; url: string | null; error: StatusError }
  | { state: 'crashed'; error: StatusError; crashes: number }
  | { state: 'restarting'; url: string | null; progress: LoadProgress | null; crashes: number };

export type StatusListener = (status: ClientStatus) => void;

/** Holds the latest status and tells listeners about each change (a store for useSyncExternalStore). */
export class StatusEmitter {
  private current: ClientStatus = { state: 'idle' };
  private readonly listeners = new Set<StatusListener>();

  get status(): ClientStatus {
    return this.current;
  }

  set(status: ClientStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) listener(status);
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Plain name + message of any thrown value. */
export function toStatusError(error: unknown): StatusError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'object' && error !== null && 'name' in error && 'message' in error) {
    return { name: String(error.name), message: String(error.message) };
  }
  return { name: 'Error', message: String(error) };
}
