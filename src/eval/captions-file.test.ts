import { describe, expect, it } from 'vitest';
import type { ObjectDescription } from '../world/scene';
import { CaptionsFileError, datasetForCaptions, readCaptionsFile } from './captions-file';
import { readCocoCaptions } from './coco';
import { buildEvalReport } from './eval-report';

// Two hand-made scenes and their references, written out by hand from docs/caption-grammar.md.
const scenes: ObjectDescription[][] = [
  [
    { shape: 'star', colour: 'red', size: 'small', pattern: 'striped', position: 'top left' },
    { shape: 'circle', colour: 'blue', size: 'large', pattern: 'plain', position: 'center' },
  ],
  [{ shape: 'heart', colour: 'green', size: 'medium', pattern: 'dotted', position: 'bottom right' }],
];
const references = [
  'two objects: a small red striped star in the top left and a large blue circle in the center.',
  'one object: a medium green dotted heart in the bottom right.',
];
const dataset = readCocoCaptions({
  images: [...scenes, []].map((objects, id) => ({ id, file_name: `images/${id}.png`, objects })),
  annotations: references.map((caption, id) => ({ image_id: id, style: 'detailed', caption })),
});

/** As training.evaluate writes it (no timings). */
const file = {
  kind: 'glance-captions',
  version: 1,
  producer: 'hand-written',
  data: 'data/world/test',
  notes: ['a note'],
  captions: [
    {
      id: 0,
      style: 'detailed',
      // the small star's pattern wrong
      coarse: 'two objects: a small red dotted star in the top left and a large blue circle in the center.',
      refined: references[0],
    },
    {
      id: 1,
      style: 'detailed',
      // an object that is not there, and the count that goes with it
      coarse: 'two objects: a medium green dotted heart in the bottom right and a small yellow square at the top.',
      refined: references[1],
    },
  ],
};

describe('readCaptionsFile', () => {
  it('reads a captions file; a caption without timing has totalMs null', () => {
    const read = readCaptionsFile(file);
    expect(read.producer).toBe('hand-written');
    expect(read.data).toBe('data/world/test');
    expect(read.notes).toEqual(['a note']);
    expect(read.captions[1]).toEqual({ ...file.captions[1], totalMs: null });
  });

  it('refuses what it cannot score', () => {
    const bad = (change: Record<string, unknown>) => () => readCaptionsFile({ ...file, ...change });
    expect(bad({ kind: 'glance-eval' })).toThrow(CaptionsFileError);
    expect(bad({ version: 2 })).toThrow(/version/);
    expect(bad({ producer: '' })).toThrow(/producer/);
    expect(bad({ captions: [] })).toThrow(/non-empty/);
    expect(bad({ captions: [{ ...file.captions[0], style: 'long' }] })).toThrow(/style/);
    expect(bad({ captions: [file.captions[0], file.captions[0]] })).toThrow(/two detailed captions/);
  });

  it('cuts the dataset to the captioned images and refuses captions of images it lacks', () => {
    const read = readCaptionsFile(file);
    expect(datasetForCaptions(dataset, read.captions).images.map((i) => i.id)).toEqual([0, 1]);
    const stray = readCaptionsFile({ ...file, captions: [{ ...file.captions[0], id: 7 }] });
    expect(() => datasetForCaptions(dataset, stray.captions)).toThrow(/image 7/);
  });
});

describe('a captions file through the eval report', () => {
  // Expected values counted by hand from the captions above, not from the scorer.
  const read = readCaptionsFile(file);
  const report = buildEvalReport({
    date: '2026-12-05',
    machine: 'test',
    bundle: read.producer,
    data: { path: 'data/world/test' },
    dataset: datasetForCaptions(dataset, read.captions),
    captions: read.captions,
    settings: { captions: 'file.json' },
    durationS: 0,
  });
  const [style] = report.styles;
  const [coarse, refined] = style.passes;

  it('scores the coarse captions', () => {
    // 3 true objects, all matched; the small star's pattern wrong: 2 of 3 fully right, 0 of 1 small.
    expect(coarse.world!.fullObjectAccuracy).toBeCloseTo(2 / 3, 12);
    expect(coarse.world!.bySize.small.fullObjectAccuracy).toBe(0);
    expect(coarse.world!.attributeAccuracy.pattern).toBeCloseTo(2 / 3, 12);
    expect(coarse.world!.bySize.small.attributeAccuracy.shape).toBe(1);
    expect(coarse.world!.missedRate).toBe(0);
    // 4 objects said, the yellow square matches nothing: CHAIR_i 1/4, CHAIR_s 1/2; image 1's count is wrong.
    expect(coarse.world!.hallucinationRate).toBe(0.25);
    expect(coarse.world!.captionHallucinationRate).toBe(0.5);
    expect(coarse.world!.countAccuracy).toBe(0.5);
    expect(coarse.fullyCorrect).toBe(0);
    expect(coarse.exactMatch).toBe(0);
  });

  it('scores the refined captions and what refinement did', () => {
    expect(refined.world!.fullObjectAccuracy).toBe(1);
    expect(refined.world!.hallucinationRate).toBe(0);
    expect(refined.fullyCorrect).toBe(1);
    expect(refined.exactMatch).toBe(1);
    expect(style.refinement).toMatchObject({ coarseCorrect: 0, fixed: 2, broken: 0, brokenShare: null });
    expect(style.medianMs).toBeNull();
    expect(report.data.images).toBe(2);
  });
});
