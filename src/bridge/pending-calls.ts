/**
 * Calls to the worker that have not settled yet. A worker that dies never answers, so the bridge keeps its own
 * list and rejects every entry itself (WorkerCrashedError) instead of leaving callers waiting forever.
 */
export class PendingCalls {
  private readonly entries = new Set<(error: Error) => void>();

  get size(): number {
    return this.entries.size;
  }

  /**
   * Runs `start()` and settles with it, unless `rejectAll` comes first. `start` may throw synchronously
   * (a frame that cannot be cloned): that rejects too.
   */
  track<T>(start: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        this.entries.delete(fail);
        reject(error);
      };
      this.entries.add(fail);
      let call: Promise<T>;
      try {
        call = start();
      } catch (error) {
        fail(error as Error);
        return;
      }
      call.then(
        (value) => {
          if (settled) return;
          settled = true;
          this.entries.delete(fail);
          resolve(value);
        },
        (error: unknown) => fail(error as Error),
      );
    });
  }

  /** Rejects every pending call with the error `make()` returns (one error object each). */
  rejectAll(make: () => Error): void {
    for (const fail of [...this.entries]) fail(make());
  }
}
