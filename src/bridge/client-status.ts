import type { PlainError } from '../core/errors';
import type { LoadProgress, RuntimeInfo } from '../../workers/runtime/wire';

/** An error as the status shows it (plain data). */
export type StatusError = PlainError;

/** The model the worker captions with: the last one that loaded (URL as the worker loaded it). */
export interface ModelInUse {
  url: string;
  info: RuntimeInfo;
}

/**
 * Where the captioner worker stands: the one status the UI reads. In order: 'idle' (no load asked yet) ->
 * 'loading' -> 'ready' | 'error'. Loading another model keeps the one in use captioning (`inUse`) until the new
 * one is ready; when that load fails, the status goes back to 'ready' with the model in use (the load's promise
 * says why), so 'error' means there is nothing to caption with. When the worker dies: 'crashed' (jobs in flight
 * were rejected), then 'restarting' (a fresh worker reloads the model in use) -> 'ready' | 'error'. After too
 * many crashes in a row it stays 'error' until restart().
 */
export type ClientStatus =
  | { state: 'idle' }
  | { state: 'loading'; url: string; progress: LoadProgress | null; inUse: ModelInUse | null }
  | { state: 'ready'; url: string; info: RuntimeInfo }
  | { state: 'error'; url: string | null; error: StatusError }
  | { state: 'crashed'; error: StatusError; crashes: number }
  | { state: 'restarting'; url: string | null; progress: LoadProgress | null; crashes: number };

/** The model that captions now, if any: the ready one, or the one still in use while another loads. */
export function captioningWith(status: ClientStatus): ModelInUse | null {
  if (status.state === 'ready') return { url: status.url, info: status.info };
  if (status.state === 'loading') return status.inUse;
  return null;
}

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
