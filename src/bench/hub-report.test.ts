import { describe, expect, it } from 'vitest';
import { benchMarkdown } from './bench-markdown';
import { buildBenchReport, summarizeCase } from './bench-report';
import type { BenchMeasurements, CaptionCase, CaptionSample } from './bench-types';
import { HUB_SECTION_TITLE, hubSection, hubTable } from './hub-markdown';
import { buildHubReport, hubNotes, summarizeHubFamily } from './hub-report';
import type { HubFamilyMeasurement, HubMeasurements } from './hub-types';

/** `look` ms of the total in the second look, split between its two stages. */
const sample = (totalMs: number, roundTripMs?: number, look = 0): CaptionSample => ({
  totalMs,
  stages: {
    preprocess: 1,
    encode: 0,
    pass1: totalMs - 1 - look,
    saliency: 0,
    regions: 0,
    lookAgain: look / 2,
    pass2: look / 2,
  },
  ...(roundTripMs === undefined ? {} : { roundTripMs }),
  coarseTokens: 5,
  refinedTokens: null,
});

const family = (over: Partial<HubFamilyMeasurement> = {}): HubFamilyMeasurement => ({
  repoId: 'glance-test/smolvlm-tiny',
  modelType: 'idefics3',
  loadMs: 1234,
  warmupMs: 56,
  threads: 2,
  coarse: [30, 10, 20].map((ms) => sample(ms)),
  refined: [70, 50, 60, 80].map((ms) => sample(ms, ms + 5, ms / 10)),
  error: null,
  ...over,
});

const hub: HubMeasurements = {
  inputs: '4 world images x 1 run',
  style: 'short',
  families: [
    family(),
    family({
      repoId: 'glance-test/florence2-tiny',
      modelType: 'florence2',
      loadMs: null,
      warmupMs: null,
      threads: null,
      coarse: [],
      refined: [],
      error: 'Error: no such op',
    }),
  ],
};

const wasmCase = (model: 'world' | 'real', refine: boolean, totals: number[]): CaptionCase => ({
  model,
  runtime: 'wasm',
  style: 'short',
  refine,
  useCache: true,
  threads: 2,
  samples: totals.map((ms) => sample(ms, ms + 1, refine ? 4 : 0)),
});

describe('summarizeHubFamily', () => {
  it('takes medians of the worker totals per mode and of the refined round trips', () => {
    const report = summarizeHubFamily(family());
    expect(report.coarse).toMatchObject({ n: 3, median: 20 });
    expect(report.refined).toMatchObject({ n: 4, median: 65 });
    expect(report.refinedRoundTrip!.median).toBe(70);
    expect(report.secondLook!.median).toBe(6.5);
    expect(report).toMatchObject({ repoId: 'glance-test/smolvlm-tiny', loadMs: 1234, warmupMs: 56, error: null });
  });

  it('gives null summaries for a family that measured nothing', () => {
    const report = buildHubReport(hub).families[1];
    expect(report).toMatchObject({ coarse: null, refined: null, secondLook: null, error: 'Error: no such op' });
  });
});

describe('hubNotes', () => {
  it('makes one note per failed family', () => {
    expect(hubNotes(hub)).toEqual(['Hub fixture glance-test/florence2-tiny: Error: no such op']);
  });
});

describe('hubTable', () => {
  const report = buildHubReport(hub);

  it('gives a row per family, a failed one without figures, then Glance models in the same style', () => {
    const cases = [
      wasmCase('world', false, [8, 10]),
      wasmCase('world', true, [12, 14]),
      wasmCase('real', true, [300]),
      { ...wasmCase('world', true, [999]), style: 'detailed' as const },
    ].map(summarizeCase);
    const table = hubTable(report, cases);
    expect(table.rows).toEqual([
      [
        'glance-test/smolvlm-tiny',
        'idefics3',
        '20.0 ms',
        '65.0 ms',
        '70.0 ms',
        '6.50 ms',
        '4',
        '1.23 s',
        '56.0 ms',
        '',
      ],
      ['glance-test/florence2-tiny', 'florence2', '–', '–', '–', '–', '0', '–', '–', 'failed: see the notes'],
      [
        'glance-world-v3 (Glance)',
        'glance (learned)',
        '9.00 ms',
        '13.0 ms',
        '14.0 ms',
        '4.00 ms',
        '2',
        '–',
        '–',
        'for comparison: its own inputs',
      ],
      [
        'glance-real-v1 (Glance)',
        'glance-detect',
        '–',
        '300.0 ms',
        '301.0 ms',
        '4.00 ms',
        '1',
        '–',
        '–',
        expect.any(String),
      ],
    ]);
    expect(table.rows.every((row) => row.length === table.header.length)).toBe(true);
  });

  it('leaves out a Glance model that did not run in the browser', () => {
    expect(hubTable(report, []).rows).toHaveLength(2);
  });
});

describe('the bench report', () => {
  const measurements: BenchMeasurements = {
    date: '2026-11-26',
    machine: {
      description: '2 cores',
      cpus: 2,
      cpuModel: 'cpu',
      memoryGiB: 8,
      os: 'Debian',
      node: 'v20',
      chromium: null,
      loadAverageStart: [1, 1, 1],
      loadAverageEnd: [1, 1, 1],
    },
    bundle: 'tiny',
    settings: {},
    cases: [],
    live: null,
    load: { cold: null, warm: null },
    jsSize: null,
    webgpu: { state: 'not checked', adapter: null },
    hub,
    durationS: 1,
    notes: [],
  };

  it('carries the hub report in the JSON and a labelled section in the Markdown', () => {
    const report = buildBenchReport(measurements);
    expect(report.hub!.families.map((f) => f.repoId)).toEqual([
      'glance-test/smolvlm-tiny',
      'glance-test/florence2-tiny',
    ]);
    const md = benchMarkdown(report);
    expect(md).toContain(`## ${HUB_SECTION_TITLE}`);
    expect(md).toContain('| glance-test/smolvlm-tiny | idefics3 | 20.0 ms | 65.0 ms |');
    expect(report.targets.some((t) => t.label.toLowerCase().includes('hub'))).toBe(false);
  });

  it('says when the hub fixtures were not run', () => {
    const report = buildBenchReport({ ...measurements, hub: undefined });
    expect(report.hub).toBeNull();
    expect(benchMarkdown(report)).toContain(hubSection(null, [])[0]);
  });
});
