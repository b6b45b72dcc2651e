import { CancelledError } from '../errors';

/** How a caller asks to stop: a predicate (a job id check in the worker) or an AbortSignal-like object. */
export type CancelCheck = (() => boolean) | { readonly aborted: boolean };

/** Throws CancelledError when the caller has asked to stop. Called before every decoder step and stage. */
export function throwIfCancelled(check: CancelCheck | undefined, where: string): void {
  if (!check) return;
  const cancelled = typeof check === 'function' ? check() : check.aborted;
  if (cancelled) throw new CancelledError(`cancelled before ${where}`);
}
