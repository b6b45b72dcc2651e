/**
 * Errors the bridge itself raises, and the one place that says what any error name means to the UI. Errors
 * from the worker arrive as plain Errors whose `name` is a WorkerErrorName (workers/runtime/errors.ts).
 */
import type { WorkerErrorName } from '../../workers/runtime/errors';

/** Names the bridge adds: a job stopped by its AbortSignal, and jobs lost when the worker died. */
export type BridgeErrorName = 'AbortError' | 'WorkerCrashedError';

/** Every name a rejected CaptionerClient call can carry ('DataCloneError' etc. from the browser aside). */
export type CaptionerErrorName = WorkerErrorName | BridgeErrorName;

/** An Error with a chosen name (what survives postMessage and what the UI branches on). */
export function namedError(name: CaptionerErrorName, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The rejection of a job whose AbortSignal fired: at once, without waiting for the worker to stop. */
export function abortError(message = 'the caption job was aborted'): Error {
  // DOMException is the platform's AbortError; plain Error where DOMException is missing (old test runners).
  if (typeof DOMException === 'function') return new DOMException(message, 'AbortError');
  return namedError('AbortError', message);
}

/** What the UI should do about an error, by its name. */
export type ErrorKind =
  | 'cancelled' // nothing to report
  | 'bad-image' // this input cannot be captioned; try another
  | 'bad-input' // the options or the frame were invalid (a bug in the caller)
  | 'model' // the bundle cannot be downloaded or is broken: say which file
  | 'backend' // the execution provider failed: try the other backend
  | 'not-ready' // no model yet: wait for ready
  | 'crashed' // the worker died; the bridge restarts it and reloads the model
  | 'internal'; // a bug: report it

const KINDS: Record<CaptionerErrorName, ErrorKind> = {
  AbortError: 'cancelled',
  CancelledError: 'cancelled',
  ImageDecodeError: 'bad-image',
  InvalidInputError: 'bad-input',
  ModelFetchError: 'model',
  ModelFormatError: 'model',
  ModelLoadError: 'model',
  LargeDownloadError: 'model',
  BackendError: 'backend',
  NotLoadedError: 'not-ready',
  WorkerCrashedError: 'crashed',
  InternalError: 'internal',
};

/** The stable name of any thrown value ('Error' for non-errors). */
export function errorNameOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string') {
    return (error as { name: string }).name;
  }
  return 'Error';
}

export function errorKind(error: unknown): ErrorKind {
  const name = errorNameOf(error);
  return Object.hasOwn(KINDS, name) ? KINDS[name as CaptionerErrorName] : 'internal';
}
