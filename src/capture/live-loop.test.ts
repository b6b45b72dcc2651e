import { describe, expect, it } from 'vitest';
import type { CaptionOptions, CaptionResult } from '../core/caption-types';
import type { CaptionCall, CaptionFrame, CaptionOutcome, CaptionService } from './caption-service';
import { startLiveLoop, type LiveLoopHandlers } from './live-loop';

/** A frame the test can see closed. */
function fakeFrame(n: number) {
  const frame = { n, closed: false, close: () => void (frame.closed = true) };
  return frame as unknown as CaptionFrame & { n: number; closed: boolean };
}

const outcome = (text: string): CaptionOutcome => ({
  result: { coarse: { text } } as CaptionResult,
  geometry: null,
  frameWidth: 1,
  frameHeight: 1,
});

/** A service whose jobs the test settles by hand, counting how many run at once. */
function manualService() {
  const jobs: {
    frame: CaptionFrame;
    signal?: AbortSignal;
    resolve: (o: CaptionOutcome) => void;
    reject: (e: unknown) => void;
  }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const service: CaptionService = {
    caption: (frame, _options, call) => {
      const signal = call?.signal;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<CaptionOutcome>((resolve, reject) => {
        const settle =
          <T>(f: (v: T) => void) =>
          (v: T) => {
            inFlight--;
            f(v);
          };
        jobs.push({ frame, signal, resolve: settle(resolve), reject: settle(reject) });
        signal?.addEventListener('abort', () =>
          settle(reject)(Object.assign(new Error('cancelled'), { name: 'CancelledError' })),
        );
      });
    },
  };
  return { service, jobs, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function handlers(overrides: Partial<LiveLoopHandlers> = {}) {
  let camera = 0;
  const log: string[] = [];
  const frames: ReturnType<typeof fakeFrame>[] = [];
  const h: LiveLoopHandlers = {
    grab: async () => {
      const frame = fakeFrame(++camera);
      frames.push(frame);
      return { frame, grabbedAt: camera * 10 };
    },
    options: () => ({ refine: true }),
    onEvent: () => undefined,
    onResult: (id, o, f) => log.push(`result ${id} ${o.result.coarse.text} grabbed ${f.grabbedAt}`),
    onError: (id, e) => log.push(`error ${id} ${(e as Error).message}`),
    ...overrides,
  };
  return { h, log, frames, advanceCamera: (n: number) => (camera += n) };
}

describe('startLiveLoop', () => {
  it('keeps one frame in flight and grabs the newest frame when the captioner is free', async () => {
    const svc = manualService();
    const { h, log, advanceCamera } = handlers();
    const loop = startLiveLoop(svc.service, h, { sleep: async () => undefined });
    await tick();
    expect(svc.jobs).toHaveLength(1);
    // The camera moves on by 5 frames while frame 1 is being captioned: those are never queued.
    advanceCamera(5);
    svc.jobs[0].resolve(outcome('first'));
    await tick();
    await tick();
    expect(svc.jobs).toHaveLength(2);
    expect((svc.jobs[1].frame as unknown as { n: number }).n).toBe(7);
    svc.jobs[1].resolve(outcome('second'));
    await tick();
    await tick();
    await loop.stop();
    expect(svc.maxInFlight()).toBe(1);
    // Frame ids are unique across loops: consecutive here, whatever came before.
    const ids = log.map((line) => Number(line.split(' ')[1]));
    expect(ids[1]).toBe(ids[0] + 1);
    expect(log.map((line) => line.replace(/^result \d+ /, ''))).toEqual(['first grabbed 10', 'second grabbed 70']);
    expect(loop.finished).toBe(2);
  });

  it('goes on after a failed frame and reports it', async () => {
    const svc = manualService();
    const { h, log } = handlers();
    const loop = startLiveLoop(svc.service, h, { sleep: async () => undefined });
    await tick();
    svc.jobs[0].reject(new Error('decode failed'));
    await tick();
    await tick();
    expect(svc.jobs).toHaveLength(2);
    await loop.stop();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^error \d+ decode failed$/);
  });

  it('stop cancels the frame in flight without reporting an error, and closes every frame', async () => {
    const svc = manualService();
    const { h, log, frames } = handlers();
    const loop = startLiveLoop(svc.service, h, { sleep: async () => undefined });
    await tick();
    await loop.stop();
    expect(svc.jobs[0].signal?.aborted).toBe(true);
    expect(log).toEqual([]);
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('a frame that fails for a real reason while the loop stops is still reported (the worker crashed)', async () => {
    const svc = manualService();
    const { h, log, frames } = handlers();
    const loop = startLiveLoop(svc.service, h, { sleep: async () => undefined });
    await tick();
    // The crash rejects the job first; the owner, told of the crash, stops the loop before the loop hears of it.
    svc.jobs[0].reject(Object.assign(new Error('the captioner worker crashed'), { name: 'WorkerCrashedError' }));
    await loop.stop();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^error \d+ the captioner worker crashed$/);
    expect(svc.jobs).toHaveLength(1);
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('asks the service for the events its handler needs, and for none without a handler', async () => {
    const calls: (CaptionCall | undefined)[] = [];
    const service: CaptionService = {
      caption: (_frame, _options, call) => {
        calls.push(call);
        call?.onEvent?.({ type: 'caption', pass: 'coarse', text: 'a star.' });
        // One frame per loop: the job then waits until the loop stops it.
        return new Promise((_resolve, reject) =>
          call?.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('cancelled'), { name: 'CancelledError' })),
          ),
        );
      },
    };
    const seen: string[] = [];
    const listening = handlers({
      events: ['caption'],
      onEvent: (id, event) => seen.push(`${id} ${event.type}`),
    });
    const first = startLiveLoop(service, listening.h, { sleep: async () => undefined });
    await tick();
    await first.stop();
    expect(calls[0]?.events).toEqual(['caption']);
    expect(seen[0]).toMatch(/^\d+ caption$/);

    calls.length = 0;
    const silent = handlers({ onEvent: undefined });
    const second = startLiveLoop(service, silent.h, { sleep: async () => undefined });
    await tick();
    await second.stop();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.onEvent).toBeUndefined();
  });

  it("marks every frame of a loop as one stream, with the handler's options, and a new loop as another", async () => {
    const seen: CaptionOptions[] = [];
    const service: CaptionService = {
      caption: async (_frame, options) => {
        seen.push(options ?? {});
        await tick(); // a caption takes a while: the loop must not spin in microtasks
        return outcome(`frame ${seen.length}`);
      },
    };
    const firstHandlers = handlers();
    const first = startLiveLoop(service, firstHandlers.h, { sleep: async () => undefined });
    while (seen.length < 3) await tick();
    await first.stop();
    const second = startLiveLoop(service, handlers().h, { sleep: async () => undefined });
    const before = seen.length;
    while (seen.length === before) await tick();
    await second.stop();
    const firstStream = seen[0].stream;
    expect(firstStream).toMatch(/^live-\d+$/);
    expect(seen.slice(0, 3).map((o) => [o.refine, o.stream])).toEqual(Array(3).fill([true, firstStream]));
    expect(seen[before].stream).toMatch(/^live-\d+$/);
    expect(seen[before].stream).not.toBe(firstStream);
  });

  it('waits and retries while no frame is ready', async () => {
    const svc = manualService();
    let calls = 0;
    const sleeps: number[] = [];
    const { h } = handlers({ grab: async () => (++calls < 3 ? null : { frame: fakeFrame(calls), grabbedAt: 0 }) });
    const loop = startLiveLoop(svc.service, h, { retryDelayMs: 40, sleep: async (ms) => void sleeps.push(ms) });
    for (let i = 0; i < 5; i++) await tick();
    expect(sleeps).toEqual([40, 40]);
    expect(svc.jobs).toHaveLength(1);
    await loop.stop();
  });
});
