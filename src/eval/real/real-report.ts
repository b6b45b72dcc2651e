/**
 * The real-photo section of `npm run eval`: scores per split (report, holdout, tune) and pass, and every photo's
 * two captions. The figures to quote are the 'report' and 'holdout' splits': thresholds and wording were tuned on
 * 'tune' only, and 'holdout' was labelled after every choice so far.
 */
import { markdownTable, type Table } from '../../bench/table';
import { REAL_SPLITS, type RealSplit } from './real-labels';
import { type LabelledPhoto, type PassScores, type PhotoCaptions, scorePass } from './real-scores';

export interface RealEvalReport {
  date: string;
  machine: string;
  bundle: string;
  photos: number;
  scores: { split: RealSplit | 'all'; pass: 'coarse' | 'refined'; scores: PassScores }[];
  captions: (PhotoCaptions & { split: LabelledPhoto['split']; labelled: string; ms: number })[];
  notes: string[];
}

export function buildRealReport(args: {
  date: string;
  machine: string;
  bundle: string;
  glanceSize: number;
  photos: readonly LabelledPhoto[];
  captions: readonly (PhotoCaptions & { ms: number })[];
  notes: string[];
}): RealEvalReport {
  const byId = new Map(args.captions.map((c) => [c.id, c]));
  const scores: RealEvalReport['scores'] = [];
  for (const split of [...REAL_SPLITS, 'all'] as const) {
    const photos = split === 'all' ? args.photos : args.photos.filter((p) => p.split === split);
    for (const pass of ['coarse', 'refined'] as const) {
      scores.push({ split, pass, scores: scorePass(photos, byId, pass, args.glanceSize) });
    }
  }
  const captions = args.photos.flatMap((p) => {
    const c = byId.get(p.id);
    return c ? [{ ...c, split: p.split, labelled: describeLabels(p) }] : [];
  });
  return { ...args, photos: args.photos.length, scores, captions };
}

/** "2 person, 1 car" from the labels (for the report's per-photo table). */
function describeLabels(p: LabelledPhoto): string {
  const counts = new Map<string, number>();
  for (const o of p.objects) if (!o.ignore && !o.crowd) counts.set(o.label, (counts.get(o.label) ?? 0) + 1);
  return counts.size === 0 ? '(none of the 80 classes)' : [...counts].map(([l, n]) => `${n} ${l}`).join(', ');
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : 'n/a');

export function realScoresTable(report: RealEvalReport): Table {
  return {
    header: [
      'split',
      'pass',
      'recall',
      'named without a hedge',
      'precision',
      'small recall',
      'none-photos naming',
      'labelled',
      'named',
    ],
    rows: report.scores.map(({ split, pass, scores: s }) => [
      split,
      pass,
      `${pct(s.recall)} (${s.matched}/${s.labelled})`,
      `${pct(s.sureRecall)} (${s.matchedSure}/${s.labelled})`,
      pct(s.precision),
      `${pct(s.smallRecall)} (${s.smallMatched}/${s.smallLabelled})`,
      `${s.nonePhotosNaming} of ${s.nonePhotos}`,
      String(s.labelled),
      String(s.named),
    ]),
  };
}

export function realReportMarkdown(report: RealEvalReport): string {
  const photos: Table = {
    header: ['photo', 'split', 'labelled', 'coarse', 'refined'],
    rows: report.captions.map((c) => [c.id, c.split, c.labelled, c.coarse, c.refined ?? '']),
    align: ['left', 'left', 'left', 'left', 'left'],
  };
  return [
    `# Real-photo evaluation, ${report.date}`,
    '',
    `Bundle \`${report.bundle}\`, ${report.photos} hand-labelled photos (scripts/real-photos/labels.json), ` +
      `${report.machine}. Quote the 'report' and 'holdout' splits: thresholds and wording were tuned on 'tune' only, and 'holdout' was labelled after every choice so far.`,
    '',
    markdownTable(realScoresTable(report)),
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
    '## Every photo',
    '',
    markdownTable(photos),
    '',
  ].join('\n');
}
