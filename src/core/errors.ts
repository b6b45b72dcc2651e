/**
 * Errors that cross the worker boundary. Structured cloning (and comlink) keeps only `name` and `message` of a
 * custom error, so callers must branch on `err.name`, never on `instanceof`.
 */

/** Stable error names the UI can act on. */
export type GlanceErrorName =
  'ModelFormatError' | 'ModelFetchError' | 'CancelledError' | 'ImageDecodeError' | 'InvalidInputError';

/** Base of every error src/core throws on purpose; `name` is one of GlanceErrorName. */
export class GlanceError extends Error {
  override readonly name: GlanceErrorName;
  constructor(name: GlanceErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

/** The bundle is reachable but does not follow docs/model-format.md (config, tokenizer or ONNX signature). */
export class ModelFormatError extends GlanceError {
  constructor(message: string) {
    super('ModelFormatError', message);
  }
}

/** A bundle file could not be downloaded completely (HTTP error, network failure, truncated body). */
export class ModelFetchError extends GlanceError {
  /** The URL that failed, and the HTTP status when there was one. */
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super('ModelFetchError', message);
  }
}

/** The caller asked to stop (between decoding steps or stages). Not a failure to report to users. */
export class CancelledError extends GlanceError {
  constructor(message = 'cancelled') {
    super('CancelledError', message);
  }
}

/** An image file is empty, of an unsupported format or corrupt. */
export class ImageDecodeError extends GlanceError {
  constructor(message: string) {
    super('ImageDecodeError', message);
  }
}

/** A caller passed arguments that cannot be right (wrong buffer size, k < 1, ...). */
export class InvalidInputError extends GlanceError {
  constructor(message: string) {
    super('InvalidInputError', message);
  }
}

/** The shape in which an error crosses a structured-clone boundary. */
export interface PlainError {
  name: string;
  message: string;
}

/**
 * Reduces any thrown value to name + message (what survives postMessage): an Error, or an error's plain copy
 * as comlink hands it over (an object with a string name and message).
 */
export function toPlainError(error: unknown): PlainError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  const e = error as { name?: unknown; message?: unknown } | null;
  if (typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.message === 'string') {
    return { name: e.name, message: e.message };
  }
  return { name: 'Error', message: String(error) };
}

/** True when `error` (an Error or its plain copy) carries the given stable name. */
export function hasErrorName(error: unknown, name: GlanceErrorName): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}
