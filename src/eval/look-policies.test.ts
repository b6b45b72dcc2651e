import { describe, expect, it } from 'vitest';
import { caption } from '../world/captions';
import type { ObjectDescription } from '../world/scene';
import { detailedDataset } from './testing/detailed-dataset';
import { evalMarkdown } from './eval-markdown';
import { buildEvalReport } from './eval-report';
import { policyReport, type PolicyCaption } from './look-policies';

const scenes: ObjectDescription[][] = [
  [{ shape: 'star', colour: 'red', size: 'small', pattern: 'striped', position: 'top left' }],
  [{ shape: 'circle', colour: 'blue', size: 'large', pattern: 'plain', position: 'center' }],
  [{ shape: 'heart', colour: 'green', size: 'medium', pattern: 'dotted', position: 'bottom right' }],
  [{ shape: 'cross', colour: 'white', size: 'small', pattern: 'plain', position: 'top right' }],
];
const dataset = detailedDataset(scenes);
const truth = (id: number) => caption(scenes[id], 'detailed');

/** Coarse times 10 each, second look 30 each. */
function job(id: number, coarse: string, refined: string, attributes: number, all = attributes): PolicyCaption {
  return {
    id,
    style: 'detailed',
    coarse,
    refined,
    minProbability: all,
    minAttributeProbability: attributes,
    endedAtEos: true,
    coarseMs: 10,
    secondLookMs: 30,
    looked: true,
  };
}

const captions: PolicyCaption[] = [
  // sure and right: the look changes nothing
  job(0, truth(0), truth(0), 0.99, 0.5),
  // sure and right
  job(1, truth(1), truth(1), 0.95),
  // unsure, wrong (pattern): the look fixes it
  job(2, truth(2).replace('dotted', 'striped'), truth(2), 0.6),
  // confidently wrong (shape): only a look at every caption fixes it
  job(3, truth(3).replace('cross', 'star'), truth(3), 0.92),
];

describe('policyReport', () => {
  const report = policyReport(captions, dataset, [0.9, 0.97]);
  const rows = new Map(report.styles[0].rows.map((r) => [r.policy, r]));

  it('has always and each threshold for attribute and all tokens, simulated from one always run', () => {
    expect(report.method).toBe('simulated');
    expect(report.styles.map((s) => s.style)).toEqual(['detailed']);
    expect([...rows.keys()]).toEqual([
      'always',
      'attributes >= 0.9',
      'attributes >= 0.97',
      'all >= 0.9',
      'all >= 0.97',
    ]);
  });

  it('always: every caption looks, refined accuracy is the refined captions', () => {
    const always = rows.get('always')!;
    expect(always).toMatchObject({
      lookedShare: 1,
      refinedFullObject: 1,
      coarseFullObject: 0.5,
      refinedFullyCorrect: 1,
    });
    expect(always.costRatio).toBe(4); // median 40 / median 10
    expect(always.meanCostRatio).toBe(4);
    expect(always.accuracyDelta).toBe(0);
    expect(always.meetsTarget).toBe(false);
  });

  it('a threshold looks only below it and keeps the coarse caption elsewhere', () => {
    // attributes >= 0.9: only image 2 (0.6) looks; image 3 stays confidently wrong
    const t = rows.get('attributes >= 0.9')!;
    expect(t.lookedShare).toBe(0.25);
    expect(t.refinedFullObject).toBe(0.75);
    expect(t.accuracyDelta).toBeCloseTo(-0.25, 12);
    expect(t.costRatio).toBe(1); // times 10, 10, 40, 10
    expect(t.meanCostRatio).toBe(70 / 40);
    expect(t.meetsTarget).toBe(false);
    // 0.97: images 1, 2, 3 look (0.95, 0.6, 0.92); image 0 (0.99) is sure
    const u = rows.get('attributes >= 0.97')!;
    expect(u).toMatchObject({ lookedShare: 0.75, refinedFullObject: 1, refinedFullyCorrect: 1 });
    expect(u.costRatio).toBe(4);
    // all tokens: image 0's 0.5 makes it look as well
    expect(rows.get('all >= 0.9')!.lookedShare).toBe(0.5);
  });

  it('meets the target only with cost <= 1.3x and accuracy within half a point', () => {
    const sure = captions.map((c) => ({ ...c, coarse: c.refined, minAttributeProbability: c.id === 2 ? 0.6 : 0.99 }));
    const r = policyReport(sure, dataset, [0.9]).styles[0].rows;
    expect(r.find((x) => x.policy === 'attributes >= 0.9')).toMatchObject({ meetsTarget: true, costRatio: 1 });
  });

  it('reports a run with a policy in force as one row of its own decisions', () => {
    const asRun = captions.map((c) => ({
      ...c,
      looked: c.id === 2,
      refined: c.id === 2 ? c.refined : c.coarse,
      secondLookMs: c.id === 2 ? 30 : 0,
    }));
    const one = policyReport(asRun, dataset, [], { minTokenProbability: 0.9 });
    expect(one.method).toBe('as run');
    expect(one.styles[0].rows).toHaveLength(1);
    expect(one.styles[0].rows[0]).toMatchObject({ policy: 'as run: attributes >= 0.9', lookedShare: 0.25 });
    expect(one.styles[0].rows[0].refinedFullObject).toBe(0.75);
  });

  it('refuses an always run in which a caption did not look', () => {
    expect(() => policyReport([{ ...captions[0], looked: false }], dataset)).toThrow(/did not look/);
  });

  it('prints a Second-look policies section in the Markdown report', () => {
    const eval_ = buildEvalReport({
      date: '2026-12-06',
      machine: 'test',
      bundle: 'tiny',
      data: { path: 'x' },
      dataset,
      captions: captions.map((c) => ({ ...c, totalMs: 40 })),
      settings: {},
      durationS: 1,
    });
    eval_.policies = report;
    const md = evalMarkdown(eval_);
    expect(md).toContain('## Second-look policies');
    expect(md).toMatch(/\| detailed \| attributes >= 0\.9 +\| +25\.0 % \| +75\.0 % \| +-25\.0 \|/);
  });
});
