import { describe, expect, it } from 'vitest';
import { caption } from '../world/captions';
import type { ObjectDescription } from '../world/scene';
import { readCocoCaptions } from './coco';
import { buildEvalReport, type ImageCaptions } from './eval-report';
import { evalMarkdown } from './eval-markdown';

const scenes: ObjectDescription[][] = [
  [{ shape: 'star', colour: 'red', size: 'small', pattern: 'striped', position: 'top left' }],
  [{ shape: 'circle', colour: 'blue', size: 'large', pattern: 'plain', position: 'center' }],
  [{ shape: 'heart', colour: 'green', size: 'medium', pattern: 'dotted', position: 'bottom right' }],
];

const dataset = readCocoCaptions({
  images: scenes.map((objects, id) => ({ id, file_name: `images/${id}.png`, objects })),
  annotations: scenes.flatMap((objects, id) => [
    { image_id: id, style: 'detailed', caption: caption(objects, 'detailed') },
    { image_id: id, style: 'short', caption: caption(objects, 'short') },
  ]),
});

const truth = (id: number, style: 'detailed' | 'short') => caption(scenes[id], style);
const detailed: ImageCaptions[] = [
  // right, then right
  { id: 0, style: 'detailed', coarse: truth(0, 'detailed'), refined: truth(0, 'detailed'), totalMs: 10 },
  // right, then broken (the colour)
  {
    id: 1,
    style: 'detailed',
    coarse: truth(1, 'detailed'),
    refined: truth(1, 'detailed').replace('blue', 'red'),
    totalMs: 30,
  },
  // wrong (the pattern), then fixed
  {
    id: 2,
    style: 'detailed',
    coarse: truth(2, 'detailed').replace('dotted', 'striped'),
    refined: truth(2, 'detailed'),
    totalMs: 20,
  },
];
const short: ImageCaptions[] = [0, 1, 2].map((id) => ({
  id,
  style: 'short',
  coarse: truth(id, 'short'),
  refined: truth(id, 'short'),
  totalMs: 5,
}));

const inputs = {
  date: '2026-11-26',
  machine: '2 cores, no GPU, Debian 12',
  bundle: 'tiny',
  data: { path: 'data/world/test' },
  dataset,
  settings: { limit: 3 },
  durationS: 1,
};

describe('buildEvalReport on world scenes', () => {
  const report = buildEvalReport({ ...inputs, captions: [...detailed, ...short] });
  const detailedReport = report.styles.find((s) => s.style === 'detailed')!;
  const [coarse, refined] = detailedReport.passes;

  it('reports both styles and both passes, short first', () => {
    expect(report.styles.map((s) => s.style)).toEqual(['short', 'detailed']);
    expect(detailedReport.passes.map((p) => p.pass)).toEqual(['coarse', 'refined']);
    expect(report.data).toEqual({ path: 'data/world/test', images: 3, world: true });
  });

  it('counts exact matches and fully correct captions per pass', () => {
    expect(coarse.exactMatch).toBeCloseTo(2 / 3, 12);
    expect(refined.exactMatch).toBeCloseTo(2 / 3, 12);
    expect(coarse.fullyCorrect).toBeCloseTo(2 / 3, 12);
    expect(refined.fullyCorrect).toBeCloseTo(2 / 3, 12);
  });

  it('scores attributes over the matched objects', () => {
    // Refined: one of three colours wrong, every pattern right; coarse: the reverse.
    expect(refined.world!.attributeAccuracy.colour).toBeCloseTo(2 / 3, 12);
    expect(refined.world!.attributeAccuracy.pattern).toBe(1);
    expect(coarse.world!.attributeAccuracy.pattern).toBeCloseTo(2 / 3, 12);
    expect(coarse.world!.bySize.medium.fullObjectAccuracy).toBe(0);
    expect(coarse.world!.bySize.small.fullObjectAccuracy).toBe(1);
  });

  it('states what refinement broke and fixed', () => {
    expect(detailedReport.refinement).toMatchObject({
      coarseCorrect: 2,
      broken: 1,
      brokenShare: 0.5,
      fixed: 1,
      fixedShare: 1,
    });
    expect(report.styles[0].refinement).toMatchObject({ coarseCorrect: 3, broken: 0, brokenShare: 0 });
  });

  it('gives BLEU-4 of 1 for captions equal to their only reference, and the median time', () => {
    expect(report.styles[0].passes[0].bleu[3]).toBeCloseTo(1, 6);
    expect(detailedReport.medianMs).toBe(20);
  });

  it('writes Markdown with every section and the refinement row', () => {
    const md = evalMarkdown(report);
    for (const heading of ['## Text metrics', '## Objects', '## What refinement did', '## Examples']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain(
      '| detailed | 3 | 2 | 2 | 1 (50.0 % of the correct coarse) | 1 (100.0 % of the wrong coarse) |',
    );
  });
});

describe('buildEvalReport on a plain COCO folder', () => {
  const plain = readCocoCaptions({
    images: [
      { id: 1, file_name: 'a.jpg' },
      { id: 2, file_name: 'b.jpg' },
      { id: 3, file_name: 'c.jpg' },
    ],
    annotations: [
      { image_id: 1, caption: 'a dog on grass.' },
      { image_id: 2, caption: 'a cat on a sofa.' },
    ],
  });

  it('keeps to text metrics and skips images without references', () => {
    const report = buildEvalReport({
      ...inputs,
      dataset: plain,
      captions: [1, 2, 3].map((id) => ({
        id,
        style: 'detailed',
        coarse: 'a dog on grass.',
        refined: null,
        totalMs: 1,
      })),
    });
    expect(report.data.world).toBe(false);
    expect(report.styles).toHaveLength(1);
    const [pass] = report.styles[0].passes;
    expect(report.styles[0].passes).toHaveLength(1);
    expect(pass).toMatchObject({ pass: 'coarse', images: 2, world: null, fullyCorrect: null, exactMatch: 0.5 });
    expect(report.styles[0].refinement).toBeNull();
    expect(evalMarkdown(report)).not.toContain('## Objects');
  });
});
