import { describe, expect, it } from 'vitest';
import {
  captionVideo,
  DEFAULT_NARROW_STEPS,
  type SceneCaption,
  type SceneCaptioner,
  type VideoRunProgress,
  type VideoSampleSource,
} from './caption-video';
import { sceneSignature } from './testing/pictures';
import type { SceneSignature, VideoCaptionOptions } from './types';

/** A frame of the fake video: which picture it shows, and a serial to track who frees it. */
interface FakeFrame {
  serial: number;
  timeSec: number;
  picture: number;
}

const signatures = new Map<number, SceneSignature>();
const signatureOfPicture = (id: number): SceneSignature => {
  if (!signatures.has(id)) signatures.set(id, sceneSignature(id));
  return signatures.get(id)!;
};

/**
 * A video made of shots: `shots` lists [startSec, picture id] in time order; a seek to t shows the last shot
 * starting at or before t (as a player shows the frame whose timestamp is at or before t). Tracks every frame it
 * hands out and complains (in `problems`) about a frame freed twice or never.
 */
class FakeVideo implements VideoSampleSource<FakeFrame> {
  readonly live = new Map<number, FakeFrame>();
  readonly problems: string[] = [];
  readonly grabs: number[] = [];
  private serial = 0;
  /** A grab at a time this accepts rejects. */
  fails: (timeSec: number) => boolean = () => false;
  failedGrabs = 0;
  /** A grab takes this long (0: a microtask, so sampling outruns any caption). */
  grabDelayMs = 0;

  constructor(
    readonly durationSec: number,
    private readonly shots: readonly (readonly [number, number])[],
  ) {}

  pictureAt(timeSec: number): number {
    return this.shots.findLast(([start]) => start <= timeSec)![1];
  }

  async grab(timeSec: number): Promise<{ frame: FakeFrame; signature: SceneSignature }> {
    await (this.grabDelayMs > 0 ? sleep(this.grabDelayMs) : Promise.resolve());
    this.grabs.push(timeSec);
    if (this.fails(timeSec)) {
      this.failedGrabs++;
      throw new Error(`cannot seek to ${timeSec}`);
    }
    const frame = { serial: this.serial++, timeSec, picture: this.pictureAt(timeSec) };
    this.live.set(frame.serial, frame);
    return { frame, signature: signatureOfPicture(frame.picture) };
  }

  release(frame: FakeFrame): void {
    if (!this.live.delete(frame.serial)) this.problems.push(`frame ${frame.serial} freed twice or unknown`);
  }

  get handedOut(): number {
    return this.serial;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A captioner that takes `delayMs` per frame, names the frame's picture, frees the frame whatever happens (like
 * the worker), rejects when its signal aborts, and records how many captions ran at once.
 */
function fakeCaptioner(
  video: FakeVideo,
  {
    delayMs = 5,
    failOnCall = -1,
    onCall,
  }: { delayMs?: number; failOnCall?: number; onCall?: (n: number) => void } = {},
) {
  const state = { calls: [] as FakeFrame[], running: 0, maxRunning: 0, abortedSignals: 0 };
  const caption: SceneCaptioner<FakeFrame> = async (frame, signal) => {
    state.calls.push(frame);
    const call = state.calls.length;
    state.running++;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    try {
      onCall?.(call);
      await new Promise<void>((resolve, reject) => {
        const cancel = () => {
          clearTimeout(timer);
          state.abortedSignals++;
          reject(Object.assign(new Error('cancelled'), { name: 'CancelledError' }));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', cancel);
          resolve();
        }, delayMs);
        if (signal.aborted) cancel();
        else signal.addEventListener('abort', cancel, { once: true });
      });
      if (call === failOnCall) throw new Error(`caption ${call} failed`);
      return {
        coarse: `picture ${frame.picture}`,
        refined: `picture ${frame.picture}, refined`,
        regions: [],
      } satisfies SceneCaption;
    } finally {
      state.running--;
      video.release(frame);
    }
  };
  return { caption, state };
}

const OPTIONS: VideoCaptionOptions = { sampleIntervalSec: 0.5, minGapSec: 1, style: 'short', refine: true };

/** Every frame the fake video handed out was freed exactly once. */
function expectAllFramesFreed(video: FakeVideo) {
  expect(video.problems).toEqual([]);
  expect([...video.live.values()]).toEqual([]);
  expect(video.handedOut).toBe(video.grabs.length - video.failedGrabs);
}

/** Scenes are contiguous from 0 and indexed in time order. */
function expectContiguous(scenes: { index: number; startSec: number; endSec: number }[], endSec: number) {
  expect(scenes[0]?.startSec ?? 0).toBe(0);
  scenes.forEach((scene, i) => {
    expect(scene.index).toBe(i);
    expect(scene.endSec).toBeGreaterThan(scene.startSec);
    expect(scene.endSec).toBe(scenes[i + 1]?.startSec ?? endSec);
  });
}

describe('captionVideo', () => {
  it('captions each scene once, with boundaries within interval / 2^steps after the true cuts', async () => {
    const cuts = [2.3, 5.1, 7.77];
    const video = new FakeVideo(10, [
      [0, 1],
      [2.3, 2],
      [5.1, 3],
      [7.77, 4],
    ]);
    const { caption, state } = fakeCaptioner(video);
    const result = await captionVideo(video, caption, OPTIONS);

    expect(result.complete).toBe(true);
    expect(result.coveredSec).toBe(10);
    expect(result.error).toBeUndefined();
    expect(result.scenes.map((s) => s.coarse)).toEqual(['picture 1', 'picture 2', 'picture 3', 'picture 4']);
    expect(result.scenes.map((s) => s.refined)).toEqual(result.scenes.map((s) => `${s.coarse}, refined`));
    expectContiguous(result.scenes, 10);
    const precision = OPTIONS.sampleIntervalSec / 2 ** DEFAULT_NARROW_STEPS;
    result.scenes.slice(1).forEach((scene, i) => {
      expect(scene.startSec).toBeGreaterThanOrEqual(cuts[i]);
      expect(scene.startSec - cuts[i]).toBeLessThanOrEqual(precision);
    });
    // The captioned frame is the sample that revealed the scene, not a bisection probe.
    expect(result.scenes.map((s) => s.frameSec)).toEqual([0, 2.5, 5.5, 8]);
    expect(state.calls.map((f) => f.timeSec)).toEqual([0, 2.5, 5.5, 8]);
    // 21 samples (0, 0.5, ... 9.5, 9.95) plus DEFAULT_NARROW_STEPS probes per cut.
    expect(video.grabs).toHaveLength(21 + 3 * DEFAULT_NARROW_STEPS);
    expectAllFramesFreed(video);
  });

  it('narrows as many steps as asked (none: the scene starts at the sample)', async () => {
    const shots = [
      [0, 1],
      [3.1, 2],
    ] as const;
    const coarse = await captionVideo(
      new FakeVideo(6, shots),
      fakeCaptioner(new FakeVideo(6, shots)).caption,
      OPTIONS,
      {
        narrowSteps: 0,
      },
    );
    expect(coarse.scenes[1].startSec).toBe(3.5);
    const video = new FakeVideo(6, shots);
    const fine = await captionVideo(video, fakeCaptioner(video).caption, OPTIONS, { narrowSteps: 6 });
    expect(fine.scenes[1].startSec - 3.1).toBeGreaterThanOrEqual(0);
    expect(fine.scenes[1].startSec - 3.1).toBeLessThanOrEqual(0.5 / 64);
  });

  it('keeps scenes at least the minimum gap long: a change inside it waits for the gap', async () => {
    // B at 1.2 and C at 1.7 come before the 2 s gap has passed: the second scene opens at 2 (showing C).
    // D at 4.1 is a cut once the gap has passed (narrowed to 4.125); E at 4.6 comes within the gap again and
    // opens its scene at 4.125 + 2, captioned from the first sample after that (6.5).
    const video = new FakeVideo(9, [
      [0, 1],
      [1.2, 2],
      [1.7, 3],
      [4.1, 4],
      [4.6, 5],
    ]);
    const { caption } = fakeCaptioner(video);
    const result = await captionVideo(video, caption, { ...OPTIONS, minGapSec: 2 });
    expect(result.scenes.map((s) => [s.startSec, s.coarse])).toEqual([
      [0, 'picture 1'],
      [2, 'picture 3'],
      [4.125, 'picture 4'],
      [6.125, 'picture 5'],
    ]);
    expect(result.scenes.slice(0, -1).every((s) => s.endSec - s.startSec >= 2)).toBe(true);
    expectContiguous(result.scenes, 9);
    expectAllFramesFreed(video);
  });

  it('never starts a narrowed scene inside the minimum gap', async () => {
    // The cut at 1.1 lies between the samples 1.0 and 1.5 but inside the 1.25 s gap: the scene starts at 1.25.
    const video = new FakeVideo(4, [
      [0, 1],
      [1.1, 2],
    ]);
    const result = await captionVideo(video, fakeCaptioner(video).caption, { ...OPTIONS, minGapSec: 1.25 });
    expect(result.scenes[1].startSec).toBeGreaterThanOrEqual(1.25);
    expect(result.scenes[1].startSec).toBeLessThanOrEqual(1.25 + 0.25 / 2 ** DEFAULT_NARROW_STEPS);
  });

  it('samples on while one caption runs, never runs two, and keeps time order when captions are slow', async () => {
    const video = new FakeVideo(12, [
      [0, 1],
      [1.6, 2],
      [3.2, 3],
      [4.8, 4],
      [9.4, 5],
    ]);
    const { caption, state } = fakeCaptioner(video, { delayMs: 30 });
    const grabsWhileCaptioning: number[] = [];
    const tracked: SceneCaptioner<FakeFrame> = async (frame, signal) => {
      const before = video.grabs.length;
      try {
        return await caption(frame, signal);
      } finally {
        grabsWhileCaptioning.push(video.grabs.length - before);
      }
    };
    const result = await captionVideo(video, tracked, OPTIONS);
    expect(state.maxRunning).toBe(1);
    // Sampling went on during the first caption: the samples up to the next cut and its probes.
    expect(grabsWhileCaptioning[0]).toBeGreaterThan(DEFAULT_NARROW_STEPS);
    expect(result.scenes.map((s) => s.coarse)).toEqual([1, 2, 3, 4, 5].map((p) => `picture ${p}`));
    expectContiguous(result.scenes, 12);
    expectAllFramesFreed(video);
  });

  it('reports progress after every sample and caption, ending at 100 %', async () => {
    const video = new FakeVideo(5, [
      [0, 1],
      [2.2, 2],
    ]);
    let clockMs = 0;
    const reports: VideoRunProgress[] = [];
    const { caption } = fakeCaptioner(video);
    await captionVideo(video, caption, OPTIONS, {
      now: () => (clockMs += 500),
      onProgress: (p) => reports.push(p),
    });
    // 11 samples (0, 0.5, ... 4.5, 4.95) + 2 captions + the final report.
    expect(reports).toHaveLength(14);
    expect(reports.every((p, i) => i === 0 || p.doneSec >= reports[i - 1].doneSec)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ doneSec: 5, fraction: 1, etaSec: 0 });
    expect(reports.at(-1)!.scenes.map((s) => s.endSec)).toEqual([reports.at(-1)!.scenes[1].startSec, 5]);
    // Mid-run: the last captioned scene reaches the sampled time; the estimate appears once there is a pace.
    const mid = reports.find((p) => p.scenes.length === 1)!;
    expect(mid.doneSec).toBeGreaterThan(0);
    expect(mid.scenes[0].endSec).toBe(mid.doneSec);
    expect(mid.fraction).toBeCloseTo(mid.doneSec / 5, 6);
    expect(mid.etaSec).toBeGreaterThan(0);
    expect(reports[0].etaSec).toBeNull();
  });

  it('stops on cancel, dropping the scene whose caption was cancelled, with no error', async () => {
    const video = new FakeVideo(10, [
      [0, 1],
      [2.3, 2],
      [5.1, 3],
      [7.77, 4],
    ]);
    const controller = new AbortController();
    const { caption, state } = fakeCaptioner(video, {
      delayMs: 50,
      onCall: (n) => n === 3 && setTimeout(() => controller.abort(), 5),
    });
    const result = await captionVideo(video, caption, OPTIONS, { signal: controller.signal });
    expect(result.complete).toBe(false);
    expect(result.error).toBeUndefined();
    expect(state.abortedSignals).toBe(1);
    expect(result.scenes.map((s) => s.coarse)).toEqual(['picture 1', 'picture 2']);
    // Covered up to the dropped scene's start, where the last kept scene now ends.
    expect(result.coveredSec).toBeCloseTo(5.1, 1);
    expectContiguous(result.scenes, result.coveredSec);
    // Sampling stopped: nothing near the end was looked at.
    expect(Math.max(...video.grabs)).toBeLessThan(9);
    expectAllFramesFreed(video);
  });

  it('stops on cancel between captions, covering up to the last sample examined', async () => {
    const video = new FakeVideo(10, [
      [0, 1],
      [2.3, 2],
    ]);
    video.grabDelayMs = 2;
    const controller = new AbortController();
    const { caption } = fakeCaptioner(video, { delayMs: 1 });
    let abortedAtSec = NaN;
    const result = await captionVideo(video, caption, OPTIONS, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.doneSec >= 6 && p.scenes.length === 2 && !controller.signal.aborted) {
          abortedAtSec = p.doneSec;
          controller.abort();
        }
      },
    });
    expect(abortedAtSec).toBeGreaterThanOrEqual(6);
    expect(result).toMatchObject({ complete: false, coveredSec: abortedAtSec });
    expect(result.error).toBeUndefined();
    expect(result.scenes.map((s) => [s.coarse, s.endSec])).toEqual([
      ['picture 1', result.scenes[1].startSec],
      ['picture 2', abortedAtSec],
    ]);
    expect(Math.max(...video.grabs)).toBe(abortedAtSec);
    expectAllFramesFreed(video);
  });

  it('does nothing when cancelled before it starts', async () => {
    const video = new FakeVideo(10, [[0, 1]]);
    const controller = new AbortController();
    controller.abort();
    const { caption, state } = fakeCaptioner(video);
    const result = await captionVideo(video, caption, OPTIONS, { signal: controller.signal });
    expect(result).toEqual({ scenes: [], complete: false, coveredSec: 0 });
    expect(state.calls).toEqual([]);
    expectAllFramesFreed(video);
  });

  it('keeps what was done when a caption fails, and reports the error', async () => {
    const video = new FakeVideo(10, [
      [0, 1],
      [2.3, 2],
      [5.1, 3],
      [7.77, 4],
    ]);
    const { caption } = fakeCaptioner(video, { failOnCall: 3 });
    const result = await captionVideo(video, caption, OPTIONS);
    expect(result.complete).toBe(false);
    expect(result.error).toEqual(new Error('caption 3 failed'));
    expect(result.scenes.map((s) => s.coarse)).toEqual(['picture 1', 'picture 2']);
    expect(result.coveredSec).toBeCloseTo(5.1, 1);
    expectContiguous(result.scenes, result.coveredSec);
    expectAllFramesFreed(video);
  });

  it('keeps what was done when a seek fails, letting the caption in flight finish', async () => {
    const video = new FakeVideo(10, [
      [0, 1],
      [5.6, 2],
    ]);
    video.fails = (t) => t >= 6.2;
    // The caption of the scene at 6.0 is still running when the seek to 6.5 fails.
    const { caption } = fakeCaptioner(video, { delayMs: 30 });
    const result = await captionVideo(video, caption, OPTIONS);
    expect(result.complete).toBe(false);
    expect(result.error).toEqual(new Error('cannot seek to 6.5'));
    expect(result.scenes.map((s) => s.coarse)).toEqual(['picture 1', 'picture 2']);
    expect(result.coveredSec).toBe(6);
    expectContiguous(result.scenes, 6);
    expectAllFramesFreed(video);
  });

  it('frees the sample frame when a bisection probe fails', async () => {
    const video = new FakeVideo(10, [
      [0, 1],
      [3.1, 2],
    ]);
    // The first probe (3.25) fails; the sample at 3.5 that found the cut must still be freed.
    video.fails = (t) => t === 3.25;
    const result = await captionVideo(video, fakeCaptioner(video).caption, OPTIONS);
    expect(result.complete).toBe(false);
    expect(result.error).toEqual(new Error('cannot seek to 3.25'));
    expect(result.scenes.map((s) => [s.coarse, s.endSec])).toEqual([['picture 1', 3]]);
    expectAllFramesFreed(video);
  });

  it('stops as a failure when onProgress throws', async () => {
    const video = new FakeVideo(10, [[0, 1]]);
    const result = await captionVideo(video, fakeCaptioner(video).caption, OPTIONS, {
      onProgress: (p) => {
        if (p.doneSec >= 2) throw new Error('listener broke');
      },
    });
    expect(result).toMatchObject({ complete: false, coveredSec: 2, error: new Error('listener broke') });
    expectAllFramesFreed(video);
  });

  it('refuses a video without a usable duration before grabbing anything', async () => {
    const video = new FakeVideo(Infinity, [[0, 1]]);
    await expect(captionVideo(video, fakeCaptioner(video).caption, OPTIONS)).rejects.toThrow(RangeError);
    expect(video.grabs).toEqual([]);
  });
});
