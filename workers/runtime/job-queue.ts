import { CancelledError } from '../../src/core/errors';

/** A job's view of its own cancellation: checked between steps by the job itself. */
export type IsCancelled = () => boolean;

/**
 * Runs the worker's jobs (loads and captions) one at a time, in arrival order: the captioner is not re-entrant
 * and a load replaces the sessions a caption would use. `cancel(id)` flags a job: a queued one never starts
 * (CancelledError at once), a running one sees the flag at its next check. Unknown or finished ids are ignored,
 * so nothing accumulates over hours of live captioning.
 */
export class JobQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Jobs queued or running, with their cancel flag. */
  private readonly jobs = new Map<number, { cancelled: boolean }>();

  /** Ids queued or running now (for leak checks). */
  get pending(): number[] {
    return [...this.jobs.keys()];
  }

  /**
   * Queues `work`; `id` must be unique among pending jobs (null for jobs nobody cancels, like loads).
   * `onSettled` runs exactly once however the job ends (free the frame there).
   */
  run<T>(id: number | null, work: (isCancelled: IsCancelled) => Promise<T>, onSettled?: () => void): Promise<T> {
    const flag = { cancelled: false };
    if (id !== null) {
      if (this.jobs.has(id)) {
        onSettled?.();
        return Promise.reject(new RangeError(`job ${id} is already pending`));
      }
      this.jobs.set(id, flag);
    }
    const isCancelled = () => flag.cancelled;
    const result = this.tail.then(async () => {
      try {
        if (flag.cancelled) throw new CancelledError(`job ${id} was cancelled before it started`);
        return await work(isCancelled);
      } finally {
        if (id !== null) this.jobs.delete(id);
        onSettled?.();
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Flags a pending job; returns false when no such job is pending. */
  cancel(id: number): boolean {
    const flag = this.jobs.get(id);
    if (!flag) return false;
    flag.cancelled = true;
    return true;
  }
}
