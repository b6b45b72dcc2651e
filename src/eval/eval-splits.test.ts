import { describe, expect, it } from 'vitest';
import { caption } from '../world/captions';
import type { ObjectDescription } from '../world/scene';
import { buildEvalReport, type ImageCaptions } from './eval-report';
import { evalMarkdown } from './eval-markdown';
import { detailedDataset } from './testing/detailed-dataset';
import { checkTargets, evalSplitsFrom, splitReportOf, splitsTable, type SplitReport } from './eval-splits';

const star: ObjectDescription = {
  shape: 'star',
  colour: 'red',
  size: 'small',
  pattern: 'striped',
  position: 'top left',
};
const disc: ObjectDescription = {
  shape: 'circle',
  colour: 'blue',
  size: 'large',
  pattern: 'plain',
  position: 'center',
};

/** A one-style dataset of the given scenes and the report of the given (coarse, refined) detailed captions. */
function reportOf(scenes: ObjectDescription[][], said: [string, string][]) {
  const dataset = detailedDataset(scenes);
  const captions: ImageCaptions[] = said.map(([coarse, refined], id) => ({
    id,
    style: 'detailed',
    coarse,
    refined,
    totalMs: null,
  }));
  return buildEvalReport({
    date: '2026-12-06',
    machine: 'test',
    bundle: 'b',
    data: { path: 'p' },
    dataset,
    captions,
    settings: {},
    durationS: 0,
  });
}

describe('evalSplitsFrom', () => {
  it('reads known names in order and refuses unknown or repeated ones', () => {
    expect(evalSplitsFrom('empty, clean')).toEqual(['empty', 'clean']);
    expect(() => evalSplitsFrom('clean,dark')).toThrow(/unknown split "dark"/);
    expect(() => evalSplitsFrom('clean,clean')).toThrow(/twice/);
  });
});

describe('checkTargets', () => {
  it('judges the empty split on saying "no objects" and the camera split on refinement not lowering accuracy', () => {
    const right = caption([disc], 'detailed');
    const wrong = right.replace('blue', 'red');
    // Camera: coarse right on both scenes, refined breaks one -> refined - coarse = -50 points.
    const camera = reportOf(
      [[disc], [disc]],
      [
        [right, right],
        [right, wrong],
      ],
    );
    // Empty: one of two captions says nothing, the other invents an object.
    const empty = reportOf(
      [[], []],
      [
        ['no objects.', 'no objects.'],
        ['no objects.', right],
      ],
    );
    const checks = checkTargets([splitReportOf('camera', camera), splitReportOf('empty', empty)]);
    const byLabel = new Map(checks.map((c) => [`${c.split}/${c.label}`, c]));
    expect(byLabel.get('camera/refined full object')).toMatchObject({ value: 0.5, met: false });
    expect(byLabel.get('camera/refined - coarse')).toMatchObject({ value: -0.5, met: false });
    expect(byLabel.get('empty/says no objects')).toMatchObject({ value: 0.5, met: false });
  });

  it('meets the clean targets when every caption is right, and says hallucination is at most 1 %', () => {
    const scenes = [[star, disc], [disc]];
    const said = scenes.map((s): [string, string] => [caption(s, 'detailed'), caption(s, 'detailed')]);
    const checks = checkTargets([splitReportOf('clean', reportOf(scenes, said))]);
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true]);
    expect(checks.find((c) => c.label === 'hallucinated')).toMatchObject({ value: 0, atMost: true });
  });
});

describe('splitsTable and the markdown', () => {
  it('has a row per split, style and pass, and the report prints the conditions only when splits ran', () => {
    const scenes = [[star]];
    const said: [string, string][] = [[caption([star], 'detailed'), caption([star], 'detailed')]];
    const clean = reportOf(scenes, said);
    const splits: SplitReport[] = [splitReportOf('clean', clean), splitReportOf('crowded', reportOf(scenes, said))];
    const table = splitsTable(splits);
    expect(table.rows.map((r) => r.slice(0, 3))).toEqual([
      ['clean', 'detailed', 'coarse'],
      ['clean', 'detailed', 'refined'],
      ['crowded', 'detailed', 'coarse'],
      ['crowded', 'detailed', 'refined'],
    ]);
    expect(evalMarkdown(clean)).not.toContain('## Conditions');
    expect(evalMarkdown({ ...clean, splits })).toContain('## Conditions');
  });
});
