import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue';

/** A promise with its resolve exposed, to hold a job open. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('JobQueue', () => {
  it('runs jobs one at a time in arrival order', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run(1, async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue.run(2, async () => {
      log.push('b start');
      return 'b';
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('a cancelled queued job never starts and rejects with CancelledError; the next one still runs', async () => {
    const queue = new JobQueue();
    const first = gate();
    let secondStarted = false;
    const a = queue.run(1, () => first.promise);
    const b = queue.run(2, async () => {
      secondStarted = true;
    });
    const c = queue.run(3, async () => 'c');
    expect(queue.cancel(2)).toBe(true);
    first.open();
    await a;
    await expect(b).rejects.toMatchObject({ name: 'CancelledError' });
    expect(secondStarted).toBe(false);
    expect(await c).toBe('c');
  });

  it('a running job sees its own flag only', async () => {
    const queue = new JobQueue();
    const step = gate();
    const seen: boolean[] = [];
    const running = queue.run(7, async (isCancelled) => {
      seen.push(isCancelled());
      await step.promise;
      seen.push(isCancelled());
    });
    await Promise.resolve();
    await Promise.resolve();
    queue.cancel(8); // another id: no effect
    expect(queue.cancel(7)).toBe(true);
    step.open();
    await running;
    expect(seen).toEqual([false, true]);
  });

  it('forgets finished jobs: their ids cancel nothing and can be reused; onSettled runs once on every path', async () => {
    const queue = new JobQueue();
    const settled: string[] = [];
    await queue.run(
      1,
      async () => 'ok',
      () => settled.push('ok'),
    );
    await expect(
      queue.run(
        2,
        async () => Promise.reject(new Error('boom')),
        () => settled.push('failed'),
      ),
    ).rejects.toThrow('boom');
    const cancelled = queue.run(
      3,
      async () => 'never',
      () => settled.push('cancelled'),
    );
    queue.cancel(3);
    await expect(cancelled).rejects.toMatchObject({ name: 'CancelledError' });
    expect(settled).toEqual(['ok', 'failed', 'cancelled']);
    expect(queue.pending).toEqual([]);
    expect(queue.cancel(1)).toBe(false);
    expect(await queue.run(1, async () => 'again')).toBe('again');
  });

  it('refuses an id that is still pending, and settles the refused job', async () => {
    const queue = new JobQueue();
    const hold = gate();
    const first = queue.run(5, () => hold.promise);
    let settled = 0;
    await expect(
      queue.run(
        5,
        async () => undefined,
        () => settled++,
      ),
    ).rejects.toThrow(/already pending/);
    expect(settled).toBe(1);
    hold.open();
    await first;
  });

  it('jobs without an id (loads) queue like the others and cannot be cancelled', async () => {
    const queue = new JobQueue();
    const order: string[] = [];
    const load = queue.run(null, async () => {
      order.push('load');
    });
    const caption = queue.run(1, async () => {
      order.push('caption');
    });
    await Promise.all([load, caption]);
    expect(order).toEqual(['load', 'caption']);
    expect(queue.pending).toEqual([]);
  });
});
