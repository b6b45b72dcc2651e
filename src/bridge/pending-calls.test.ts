import { describe, expect, it } from 'vitest';
import { PendingCalls } from './pending-calls';

describe('PendingCalls', () => {
  it('settles with the call and forgets it', async () => {
    const calls = new PendingCalls();
    const ok = calls.track(async () => 1);
    const bad = calls.track(async () => Promise.reject(new Error('no')));
    expect(calls.size).toBe(2);
    await expect(ok).resolves.toBe(1);
    await expect(bad).rejects.toThrow('no');
    expect(calls.size).toBe(0);
  });

  it('rejectAll rejects calls that never answer, each with its own error; late answers are ignored', async () => {
    const calls = new PendingCalls();
    let answer!: (v: number) => void;
    const a = calls.track(() => new Promise<number>((resolve) => (answer = resolve)));
    const b = calls.track(() => new Promise<number>(() => undefined));
    let made = 0;
    calls.rejectAll(() => Object.assign(new Error(`crashed ${++made}`), { name: 'WorkerCrashedError' }));
    await expect(a).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    await expect(b).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    expect(made).toBe(2);
    answer(5);
    expect(calls.size).toBe(0);
  });

  it('a start that throws synchronously rejects', async () => {
    const calls = new PendingCalls();
    await expect(
      calls.track(() => {
        throw new Error('DataCloneError');
      }),
    ).rejects.toThrow('DataCloneError');
    expect(calls.size).toBe(0);
  });
});
