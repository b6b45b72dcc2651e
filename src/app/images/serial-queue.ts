/**
 * Runs async tasks one at a time in the order added; tasks added while one runs wait their turn. A failing task
 * does not stop the queue (each task reports its own failure). `clear()` drops tasks not started yet.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private generation = 0;
  private pending = 0;

  /** Tasks added and not finished (the running one included). */
  get size(): number {
    return this.pending;
  }

  /** Adds a task; resolves when it has run (or was dropped by clear). Never rejects. */
  add(task: () => Promise<void>): Promise<void> {
    const generation = this.generation;
    this.pending++;
    const run = async () => {
      try {
        if (generation === this.generation) await task();
      } catch (error) {
        // Tasks report their own failures; this keeps one bug from stalling the rest of the queue.
        console.warn('queued task failed', error);
      } finally {
        this.pending--;
      }
    };
    this.tail = this.tail.then(run);
    return this.tail;
  }

  /** Drops every task that has not started. The running one finishes (cancel it through its own signal). */
  clear(): void {
    this.generation++;
  }
}
