/**
 * Errors the worker runtime throws on purpose. comlink re-creates a thrown Error on the UI side from its `name`
 * and `message` only, so the UI branches on `err.name` (one of WorkerErrorName), never on `instanceof`.
 */
import type { GlanceErrorName } from '../../src/core/errors';

/** Names of the runtime's own errors. */
export type RuntimeErrorName =
  'BackendError' | 'ModelLoadError' | 'NotLoadedError' | 'InternalError' | 'LargeDownloadError';

/**
 * Every name a rejected worker call can carry: src/core's (ModelFormatError, ModelFetchError, CancelledError,
 * ImageDecodeError, InvalidInputError) and the runtime's. Anything else thrown inside becomes 'InternalError'.
 */
export type WorkerErrorName = RuntimeErrorName | GlanceErrorName;

const KNOWN_NAMES: ReadonlySet<string> = new Set<WorkerErrorName>([
  'BackendError',
  'ModelLoadError',
  'NotLoadedError',
  'InternalError',
  'LargeDownloadError',
  'ModelFormatError',
  'ModelFetchError',
  'CancelledError',
  'ImageDecodeError',
  'InvalidInputError',
]);

/** Base of the runtime's errors; `name` is one of RuntimeErrorName. */
export class RuntimeError extends Error {
  override readonly name: RuntimeErrorName;
  constructor(name: RuntimeErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/**
 * The requested backend is unavailable here, failed to start or to run a part, or differs from the one the
 * worker already runs.
 */
export class BackendError extends RuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BackendError', message, options);
  }
}

/** onnxruntime refused to build a session from a bundle file (a download problem is core's ModelFetchError). */
export class ModelLoadError extends RuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ModelLoadError', message, options);
  }
}

/**
 * A hub model's download is over 500 MB (src/core/hub/download-size.ts) and the load did not say the user agreed
 * (LoadOptions.allowLargeDownload): nothing was downloaded; the message says how much it would be.
 */
export class LargeDownloadError extends RuntimeError {
  constructor(message: string) {
    super('LargeDownloadError', message);
  }
}

/** `run` or `caption` was called before a successful `load` (or the bundle cannot caption). */
export class NotLoadedError extends RuntimeError {
  constructor(message = 'no model is loaded: call load() first') {
    super('NotLoadedError', message);
  }
}

/**
 * Gives any thrown value a stable name before it crosses the boundary: the known names pass as they are,
 * anything else becomes InternalError with its original name in the message (a bug, not a user problem).
 */
export function toWorkerError(error: unknown): Error {
  if (error instanceof Error && KNOWN_NAMES.has(error.name)) return error;
  const prefix = error instanceof Error ? `${error.name}: ` : '';
  return new RuntimeError('InternalError', prefix + messageOf(error), { cause: error });
}

/** The message of any thrown value, for wrapping it in one of the errors above. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
