/**
 * Errors the worker runtime throws on purpose. comlink re-creates a thrown Error on the UI side from its `name`
 * and `message` only, so the UI branches on `err.name` (one of RuntimeErrorName), never on `instanceof`.
 */

/** Stable names the UI can act on. */
export type RuntimeErrorName = 'BackendError' | 'ModelLoadError' | 'NotLoadedError';

/** Base of the runtime's errors; `name` is one of RuntimeErrorName. */
export class RuntimeError extends Error {
  override readonly name: RuntimeErrorName;
  constructor(name: RuntimeErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** The requested backend is unavailable here, failed to start, or differs from the one already running. */
export class BackendError extends RuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BackendError', message, options);
  }
}

/** A bundle file could not be fetched, or onnxruntime refused to build a session from it. */
export class ModelLoadError extends RuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ModelLoadError', message, options);
  }
}

/** `run` was called before a successful `load`. */
export class NotLoadedError extends RuntimeError {
  constructor(message = 'no model is loaded: call load() first') {
    super('NotLoadedError', message);
  }
}

/** The message of any thrown value, for wrapping it in one of the errors above. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
