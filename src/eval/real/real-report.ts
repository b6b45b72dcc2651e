/**
 * The real-photo section of `npm run eval`: scores per split (report, holdout, tune) and pass, and every photo's
 * two captions. The figures to quote are the 'report' and 'holdout' splits': thresholds and wording were tuned on
 * 'tune' only, and 'holdout' was labelled after every choice so far.
 */
import { markdownTable, type Table } from '../../bench/table';
import { REAL_SPLITS, type RealSplit } from './real-labels';
import { parseCaption } from '../../core/real/parse-caption';
import { type LabelledObject, type LabelledPhoto, type PassScores, type PhotoCaptions, scorePass } from './real-scores';

export interface RealEvalReport {
  date: string;
  machine: string;
  bundle: string;
  photos: number;
  scores: { split: RealSplit | 'all'; pass: 'coarse' | 'refined'; scores: PassScores }[];
  captions: (PhotoCaptions & { split: LabelledPhoto['split']; labelled: string; ms: number })[];
  /** The pedestrian clip captioned as one live stream, scored at its labelled times (vtest-stream.ts). */
  stream: StreamReport | null;
  notes: string[];
}

export interface StreamReport {
  video: string;
  /** Frames captioned, in order, as one stream (every frame, from the first up to the last labelled one). */
  frames: number;
  scores: { pass: 'coarse' | 'refined'; scores: PassScores }[];
  /**
   * How steady the captions are: consecutive frames whose caption names a different count of some class (hedged
   * or not: "five people; another person" and "four people; two more" differ), of `frames - 1`.
   */
  changes: { pass: 'coarse' | 'refined'; changed: number }[];
  times: { id: string; frame: number; labelled: string; named: string; coarse: string; refined: string }[];
}

/** Scores a stream's captions at the labelled times: the clip's times as photos (vtestPhotos). */
export function buildStreamReport(args: {
  video: string;
  frames: number;
  glanceSize: number;
  photos: readonly LabelledPhoto[];
  captions: readonly (PhotoCaptions & { frame: number })[];
  /** Every frame's two captions, in order. */
  everyFrame: readonly { coarse: string; refined: string | null }[];
}): StreamReport {
  const byId = new Map(args.captions.map((c) => [c.id, c]));
  const changed = (pass: 'coarse' | 'refined') => {
    const said = args.everyFrame.map((c) => describeNamed(pass === 'coarse' ? c.coarse : (c.refined ?? c.coarse)));
    return said.filter((s, i) => i > 0 && s !== said[i - 1]).length;
  };
  return {
    video: args.video,
    frames: args.frames,
    scores: (['coarse', 'refined'] as const).map((pass) => ({
      pass,
      scores: scorePass(args.photos, byId, pass, args.glanceSize),
    })),
    changes: (['coarse', 'refined'] as const).map((pass) => ({ pass, changed: changed(pass) })),
    times: args.photos.flatMap((p) => {
      const c = byId.get(p.id);
      if (!c) return [];
      const refined = c.refined ?? c.coarse;
      return [
        {
          id: p.id,
          frame: c.frame,
          labelled: describeLabels(p),
          named: describeNamed(refined),
          coarse: c.coarse,
          refined,
        },
      ];
    }),
  };
}

/** "5 person (2 hedged), 1 truck" from what a caption says, per class. */
function describeNamed(caption: string): string {
  const counts = new Map<string, { all: number; hedged: number }>();
  for (const item of parseCaption(caption).items) {
    const c = counts.get(item.label) ?? { all: 0, hedged: 0 };
    c.all += item.count;
    if (item.hedged) c.hedged += item.count;
    counts.set(item.label, c);
  }
  if (counts.size === 0) return '(nothing)';
  return [...counts].map(([l, c]) => `${c.all} ${l}${c.hedged > 0 ? ` (${c.hedged} hedged)` : ''}`).join(', ');
}

export function buildRealReport(args: {
  date: string;
  machine: string;
  bundle: string;
  glanceSize: number;
  photos: readonly LabelledPhoto[];
  captions: readonly (PhotoCaptions & { ms: number })[];
  stream?: StreamReport | null;
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
  return { ...args, photos: args.photos.length, scores, captions, stream: args.stream ?? null };
}

/**
 * "2 person, 1 car" from the labels (for the report's tables); objects that may be named or not follow as
 * "either way: 1 person, 2 car".
 */
function describeLabels(p: LabelledPhoto): string {
  if (p.objects.length === 0) return '(none of the 80 classes)';
  const tally = (objects: readonly LabelledObject[]): string => {
    const counts = new Map<string, number>();
    for (const o of objects) counts.set(o.label, (counts.get(o.label) ?? 0) + 1);
    return [...counts].map(([l, n]) => `${n} ${l}`).join(', ');
  };
  const counted = tally(p.objects.filter((o) => !o.ignore && !o.crowd));
  const eitherWay = tally(p.objects.filter((o) => o.ignore && !o.crowd));
  return eitherWay ? `${counted}${counted ? '; ' : ''}either way: ${eitherWay}` : counted;
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
    ...(report.stream ? streamMarkdown(report.stream) : []),
  ].join('\n');
}

export function streamScoresTable(stream: StreamReport): Table {
  return {
    header: ['pass', 'people recall', 'precision', 'labelled', 'named', 'what it names changed'],
    rows: stream.scores.map(({ pass, scores: s }) => [
      pass,
      `${pct(s.recall)} (${s.matched}/${s.labelled})`,
      pct(s.precision),
      String(s.labelled),
      String(s.named),
      `${stream.changes.find((c) => c.pass === pass)?.changed ?? 0} of ${stream.frames - 1} frames`,
    ]),
  };
}

function streamMarkdown(stream: StreamReport): string[] {
  const times: Table = {
    header: ['time', 'frame', 'labelled', 'named (refined)', 'refined caption'],
    rows: stream.times.map((t) => [t.id, String(t.frame), t.labelled, t.named, t.refined]),
    align: ['left', 'right', 'left', 'left', 'left'],
  };
  return [
    '## The pedestrian clip as a live stream',
    '',
    `\`${stream.video}\` (scripts/real-photos/vtest-labels.json): its first ${stream.frames} frames captioned in order as one ` +
      'live stream (one glance view a frame, alternating, as the Live view does; every frame, where the app skips ' +
      'frames while it is busy), scored at the labelled times as the photos are. The people are what is labelled; ' +
      'the parked van and car may be named or not; any other class named is not in the clip. "What it names ' +
      'changed": frames whose caption names a different count of some class than the frame before\'s (hedged or ' +
      'not), a measure of flicker.',
    '',
    markdownTable(streamScoresTable(stream)),
    '',
    markdownTable(times),
    '',
  ];
}
