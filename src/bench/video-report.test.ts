import { describe, expect, it } from 'vitest';
import { benchMarkdown, benchSummary } from './bench-markdown';
import { buildBenchReport } from './bench-report';
import type { BenchMeasurements } from './bench-types';
import { videoSection } from './video-markdown';
import {
  buildVideoReport,
  cutErrors,
  leastSquaresSlope,
  memoryTrend,
  parseDoneText,
  summarizeSampling,
  summarizeVideoRun,
  videoTargetMs,
  workerMedians,
} from './video-report';
import type { SamplingRound, VideoMeasurements, VideoMemorySample, VideoRun } from './video-types';

const shots = [0, 5.44, 10.92, 16.36].map((startSec, i, all) => ({
  startSec,
  endSec: all[i + 1] ?? 21.8,
  photo: `p${i}.jpg`,
  labels: ['dog'],
}));

const run = (over: Partial<VideoRun> = {}): VideoRun => ({
  file: 'bench-60s.mp4',
  durationSec: 21.8,
  wallMs: 10_900,
  uiElapsedMs: 10_500,
  phase: 'done',
  sampleIntervalSec: 0.5,
  scenes: [0, 5.5, 10.938, 16.375].map((startSec, i, all) => ({
    startSec,
    endSec: all[i + 1] ?? 21.8,
    frameSec: Math.ceil(startSec * 2) / 2,
    coarse: 'a dog.',
    refined: 'a dog on grass.',
  })),
  shots,
  captionMs: [300, 100, 200, 400],
  captionTimings: [{ total: 250, preprocess: 10, encode: 200, lookAgain: 30 }],
  longTasksMs: [60],
  ...over,
});

const memory = (atSec: number, videoSec: number, renderer: number | null): VideoMemorySample => ({
  atMs: atSec * 1000,
  videoSec,
  rendererPrivateBytes: renderer,
  workerHeapBytes: 20e6,
  pageHeapBytes: 5e6,
});

describe('parseDoneText', () => {
  it("reads the job panel's scene count and its own time", () => {
    expect(parseDoneText('bench-60s.mp4 Done: 11 scenes in 14.2 s')).toEqual({ scenes: 11, elapsedMs: 14_200 });
    expect(parseDoneText('x.webm Done: 1 scene in 3 s')).toEqual({ scenes: 1, elapsedMs: 3000 });
  });

  it('is null for a job that did not finish', () => {
    expect(parseDoneText('x.mp4 Stopped at 0:07.5: 2 scenes kept')).toBeNull();
    expect(parseDoneText('x.mp4 Captioning: 0:10 of 1:00 of video')).toBeNull();
  });
});

describe('cutErrors', () => {
  it('measures each true cut to the nearest scene start, never to the start at 0', () => {
    const e = cutErrors([5.44, 10.92], [0, 5.5, 10.938], 0.5);
    expect(e.errorsSec[0]).toBeCloseTo(0.06, 9);
    expect(e.errorsSec[1]).toBeCloseTo(0.018, 9);
    expect(e.maxSec).toBeCloseTo(0.06, 9);
    expect(e.medianSec).toBeCloseTo(0.039, 9);
    expect(e).toMatchObject({ found: 2, extra: 0 });
  });

  it('counts a cut with no start within one interval as missed, and a start near no cut as extra', () => {
    // The cut at 10.92 was missed; 8.0 is a false scene; 10.0 is the nearest start to 10.92 but 0.92 away.
    const e = cutErrors([5.44, 10.92], [0, 5.5, 8.0, 10.0], 0.5);
    expect(e.found).toBe(1);
    expect(e.extra).toBe(2);
    expect(e.maxSec).toBeCloseTo(0.92, 9);
    expect(e.extraStartsSec).toEqual([8, 10]);
    // 5.5 is 60 ms after 5.44, within interval / 8 (62.5 ms): narrowed as promised; 10.92 is not.
    expect(e.offCuts).toEqual([{ cutSec: 10.92, nearestStartSec: 10 }]);
    // 62.5 ms after the cut, exported rounded to 63 ms, is still as promised; 64 ms is not.
    expect(cutErrors([162], [0, 162.063], 0.5).offCuts).toEqual([]);
    expect(cutErrors([162], [0, 162.064], 0.5).offCuts).toEqual([{ cutSec: 162, nearestStartSec: 162.064 }]);
  });

  it('a track with one scene has no cut error and finds nothing', () => {
    expect(cutErrors([5.44], [0], 0.5)).toEqual({
      errorsSec: [],
      medianSec: null,
      maxSec: null,
      found: 0,
      extra: 0,
      offCuts: [],
      extraStartsSec: [],
    });
  });
});

describe('leastSquaresSlope', () => {
  it('is the slope of the best line, exact for points on a line', () => {
    expect(leastSquaresSlope([0, 1, 2, 3].map((x) => ({ x, y: 5 + 2 * x })))).toBeCloseTo(2, 12);
    // Noise around a nearly flat line: sum((x - 2)(y - 2)) / sum((x - 2)^2) = 2 / 10.
    expect(
      leastSquaresSlope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 1 },
        { x: 3, y: 3 },
        { x: 4, y: 2 },
      ]),
    ).toBeCloseTo(0.2, 12);
  });

  it('is null with under two points or no spread in x', () => {
    expect(leastSquaresSlope([{ x: 1, y: 1 }])).toBeNull();
    expect(
      leastSquaresSlope([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe('memoryTrend', () => {
  it('judges the rise from the first reading after the settling time, not from the load', () => {
    // The load's allocations fall away in the first 30 s: 400 -> 300 MB; then 300 -> 309 MB is a 3 % rise.
    const samples = [memory(0, 0, 400e6), memory(10, 20, 350e6), memory(31, 60, 300e6), memory(60, 120, 305e6)];
    samples.push(memory(90, 180, 309e6));
    const t = memoryTrend(samples, 'rendererPrivateBytes')!;
    expect(t).toMatchObject({
      samples: 5,
      first: 400e6,
      last: 309e6,
      max: 400e6,
      baseline: 300e6,
      baselineAtMs: 31_000,
    });
    expect(t.rise).toBeCloseTo(0.03, 12);
    expect(t.verdict).toBe('flat');
    // 9 MB over 2 video minutes.
    expect(t.slopePerVideoMinute).toBeCloseTo(4.5e6, 0);
  });

  it('calls a rise of 5 % or more rising', () => {
    const t = memoryTrend([memory(30, 50, 100e6), memory(60, 100, 105e6)], 'rendererPrivateBytes')!;
    expect(t.rise).toBeCloseTo(0.05, 12);
    expect(t.verdict).toBe('rising');
  });

  it('has no verdict without two readings after the settling time, and no trend without the figure', () => {
    const short = memoryTrend(
      [memory(0, 0, 100e6), memory(20, 40, 100e6), memory(40, 60, 101e6)],
      'rendererPrivateBytes',
    )!;
    expect(short).toMatchObject({ rise: null, verdict: 'not measured', baselineAtMs: 40_000 });
    expect(memoryTrend([memory(40, 60, null)], 'rendererPrivateBytes')).toBeNull();
  });
});

describe('summarizeVideoRun', () => {
  it('reports scenes, cuts, speed and the captions of a run', () => {
    const r = summarizeVideoRun(run());
    expect(r).toMatchObject({ scenes: 4, trueShots: 4, captions: 4, captionMedianMs: 250, longTasks: 1 });
    expect(r.cuts.found).toBe(3);
    expect(r.videoSecPerWallSec).toBeCloseTo(2, 12);
    expect(r.workerMedianMs).toEqual({ total: 250, preprocess: 10, encode: 200, lookAgain: 30 });
  });

  it('gives a failed run no speed', () => {
    expect(summarizeVideoRun(run({ phase: 'failed', scenes: [] })).videoSecPerWallSec).toBeNull();
  });
});

describe('workerMedians', () => {
  it('takes each stage median over the captions; null without any', () => {
    const m = workerMedians([
      { total: 100, preprocess: 1, encode: 80, lookAgain: 0 },
      { total: 300, preprocess: 3, encode: 90, lookAgain: 200 },
      { total: 200, preprocess: 2, encode: 70, lookAgain: 100 },
    ]);
    expect(m).toEqual({ total: 200, preprocess: 2, encode: 80, lookAgain: 100 });
    expect(workerMedians([])).toBeNull();
  });
});

const rounds: SamplingRound[] = [
  { method: 'seek', round: 0, totalMs: 3000, openMs: 100, keptFrames: 120, decodedFrames: 120 },
  { method: 'webcodecs', round: 0, totalMs: 900, openMs: 40, keptFrames: 120, decodedFrames: 1500 },
  { method: 'webcodecs', round: 1, totalMs: 800, openMs: 50, keptFrames: 120, decodedFrames: 1500 },
  { method: 'seek', round: 1, totalMs: 3600, openMs: 120, keptFrames: 120, decodedFrames: 120 },
  { method: 'seek', round: 2, totalMs: 3300, openMs: 110, keptFrames: 120, decodedFrames: 120 },
];

describe('summarizeSampling', () => {
  it('takes medians per method over its rounds', () => {
    expect(summarizeSampling(rounds, 'seek')).toEqual({
      rounds: 3,
      totalMs: 3300,
      perKeptFrameMs: 27.5,
      openMs: 110,
      keptFrames: 120,
      decodedFrames: 120,
    });
    expect(summarizeSampling(rounds, 'webcodecs')).toMatchObject({ rounds: 2, totalMs: 850, decodedFrames: 1500 });
  });

  it('is null for a method that kept nothing', () => {
    expect(
      summarizeSampling(
        rounds.filter((r) => r.method === 'seek'),
        'webcodecs',
      ),
    ).toBeNull();
  });
});

const measurements = (over: Partial<VideoMeasurements> = {}): VideoMeasurements => ({
  model: 'glance-real-v1',
  runs: [run({ wallMs: 12_000 }), run({ wallMs: 18_000 }), run({ wallMs: 15_000 })],
  long: run({
    file: 'bench-10min.mp4',
    durationSec: 600,
    wallMs: 200_000,
    memory: [memory(0, 0, 500e6), memory(31, 90, 400e6), memory(200, 600, 410e6)],
  }),
  sampling: {
    file: 'bench-60s.mp4',
    stepSec: 0.5,
    codec: 'avc1.64001e',
    hardwareAcceleration: 'prefer-software',
    rounds,
    matchingFrames: 120,
    error: null,
  },
  loadAverage: { start: [2, 2, 2], end: [3, 2, 2] },
  notes: [],
  ...over,
});

describe('buildVideoReport and the targets', () => {
  it('judges the 60 s target on the median of the runs and memory on the long run', () => {
    const report = buildVideoReport(measurements());
    expect(report.median!.wallMs).toBe(15_000);
    expect(videoTargetMs(report)).toBe(15_000);
    expect(report.long!.renderer!.rise).toBeCloseTo(0.025, 12);
    expect(report.sampling!.webcodecsVsSeek).toBeCloseTo(850 / 3300, 12);
  });

  it('does not judge the 60 s target when a run did not finish', () => {
    const report = buildVideoReport(measurements({ runs: [run(), run({ phase: 'failed' })] }));
    expect(videoTargetMs(report)).toBeNull();
    expect(videoTargetMs(null)).toBeNull();
  });

  it('puts both video targets in the bench report, with notes, and the section in the Markdown', () => {
    const bench: BenchMeasurements = {
      date: '2026-12-06',
      machine: {
        description: '2 cores',
        cpus: 2,
        cpuModel: 'x',
        memoryGiB: 24,
        os: 'Debian 12',
        node: 'v20',
        chromium: null,
        loadAverageStart: [1, 1, 1],
        loadAverageEnd: [1, 1, 1],
      },
      bundle: 'b',
      settings: {},
      cases: [],
      live: null,
      load: { cold: null, warm: null },
      jsSize: null,
      webgpu: { state: 'not checked', adapter: null },
      video: measurements(),
      durationS: 1,
      notes: [],
    };
    const report = buildBenchReport(bench);
    const video = report.targets.find((t) => t.id === 'video60sMs')!;
    expect(video).toMatchObject({ value: 15_000, verdict: 'met' });
    expect(video.note).toContain('median of 3 runs');
    const flat = report.targets.find((t) => t.id === 'videoMemoryRise')!;
    expect(flat.verdict).toBe('met');
    expect(flat.note).toContain('flat');
    const md = benchMarkdown(report);
    expect(md).toContain('## Video files');
    expect(md).toContain(
      '| 60 s 640x480 video, 10 changes, real-world model, WASM: pick to done | < 20.00 s | 15.00 s | met |',
    );
    expect(md).toContain('Same pictures: 120 of 120');
    expect(benchSummary(report).at(-1)).toContain('video, 60 s 640x480 with 10 changes: 15.00 s (met)');

    const slow = buildBenchReport({ ...bench, video: measurements({ runs: [run({ wallMs: 20_000 })], long: null }) });
    expect(slow.targets.find((t) => t.id === 'video60sMs')!.verdict).toBe('not met');
    expect(slow.targets.find((t) => t.id === 'videoMemoryRise')!.verdict).toBe('not measured');
    expect(buildBenchReport({ ...bench, video: null }).video).toBeNull();
  });
});

describe('videoSection', () => {
  it('says what did not run', () => {
    expect(videoSection(null)[0]).toMatch(/^Not run/);
    const lines = videoSection(buildVideoReport(measurements({ long: null, sampling: null }))).join('\n');
    expect(lines).toContain('Not run (`--quick` or `--no-video-long`).');
    expect(lines).toContain('### Sampling frames');
  });

  it('lists each scene with the true shot of its captioned frame', () => {
    const lines = videoSection(buildVideoReport(measurements())).join('\n');
    expect(lines).toContain('| 2 | 5.500 s | 5.50 s | 2: p1.jpg (dog) | a dog on grass. |');
  });
});
