import { describe, expect, it, vi } from 'vitest';
import { SerialQueue } from './serial-queue';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('SerialQueue', () => {
  it('runs one task at a time, in order, including tasks added while one runs', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const gates = [deferred(), deferred(), deferred()];
    const task = (i: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${i}`);
      await gates[i].promise;
      log.push(`end ${i}`);
      running--;
    };
    queue.add(task(0));
    queue.add(task(1));
    expect(queue.size).toBe(2);
    gates[0].resolve();
    await new Promise((r) => setTimeout(r, 0));
    const last = queue.add(task(2));
    gates[1].resolve();
    gates[2].resolve();
    await last;
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(maxRunning).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('goes on after a task throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const queue = new SerialQueue();
    const ran: number[] = [];
    queue.add(async () => {
      throw new Error('boom');
    });
    await queue.add(async () => void ran.push(2));
    expect(ran).toEqual([2]);
    warn.mockRestore();
  });

  it('clear drops the tasks not started yet', async () => {
    const queue = new SerialQueue();
    const gate = deferred();
    const ran: number[] = [];
    queue.add(async () => {
      await gate.promise;
      ran.push(1);
    });
    queue.add(async () => void ran.push(2));
    await new Promise((r) => setTimeout(r, 0)); // task 1 has started, task 2 waits
    queue.clear();
    const after = queue.add(async () => void ran.push(3));
    gate.resolve();
    await after;
    expect(ran).toEqual([1, 3]);
  });
});
