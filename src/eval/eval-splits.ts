/**
 * The world eval's four conditions (issue 19): clean test scenes, the same scenes as a camera sees them, crowded
 * scenes (7-9 objects) and empty ones. Each is its own generated split (src/world/splits.ts); the report keeps
 * the clean split's full tables and one summary row per split, style and pass, judged against the targets.
 */
import { formatPercent, MISSING } from '../bench/format';
import type { Table } from '../bench/table';
import type { CaptionStyle } from '../core/bundle/config';
import type { EvalReport, Pass, StyleReport } from './eval-report';

/** Eval condition -> the world split (data/world/<split>) that holds it. */
export const EVAL_SPLITS = {
  clean: 'test',
  camera: 'test-camera',
  crowded: 'test-crowded',
  empty: 'test-empty',
} as const;
export type EvalSplit = keyof typeof EVAL_SPLITS;
export const EVAL_SPLIT_NAMES = Object.keys(EVAL_SPLITS) as EvalSplit[];

/** One condition's scores: the per-style reports of its own eval run. */
export interface SplitReport {
  split: EvalSplit;
  path: string;
  images: number;
  styles: StyleReport[];
}

export function splitReportOf(split: EvalSplit, report: EvalReport): SplitReport {
  return { split, path: report.data.path, images: report.data.images, styles: report.styles };
}

/** Parses `--splits clean,camera`: known names, no repeats, in the order given. */
export function evalSplitsFrom(text: string): EvalSplit[] {
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(n in EVAL_SPLITS)) throw new Error(`--splits: unknown split "${n}" (${EVAL_SPLIT_NAMES.join(', ')})`);
  }
  if (new Set(names).size !== names.length) throw new Error(`--splits: a split is named twice in "${text}"`);
  return names as EvalSplit[];
}

/** A figure a split is judged on, the limit and the way it is compared. */
interface Target {
  label: string;
  /** The figure from the split's detailed-style report; null when it cannot be computed. */
  value: (s: StyleReport) => number | null;
  limit: number;
  atMost?: boolean;
}

const pass = (s: StyleReport, p: Pass) => s.passes.find((x) => x.pass === p)?.world ?? null;
const refinedFull = (s: StyleReport) => pass(s, 'refined')?.fullObjectAccuracy ?? null;

/** Issue 19's targets, on detailed captions (greedy, 1,000 scenes per split). */
export const SPLIT_TARGETS: Readonly<Record<EvalSplit, readonly Target[]>> = {
  clean: [
    { label: 'refined full object', value: refinedFull, limit: 0.96 },
    { label: 'small objects', value: (s) => pass(s, 'refined')?.bySize.small.fullObjectAccuracy ?? null, limit: 0.9 },
    {
      label: 'correct coarse kept',
      value: (s) => (s.refinement?.brokenShare == null ? null : 1 - s.refinement.brokenShare),
      limit: 0.98,
    },
    {
      label: 'hallucinated',
      value: (s) => pass(s, 'refined')?.hallucinationRate ?? null,
      limit: 0.01,
      atMost: true,
    },
  ],
  camera: [
    { label: 'refined full object', value: refinedFull, limit: 0.85 },
    {
      // "Refinement never lowers full-object accuracy against the coarse caption."
      label: 'refined - coarse',
      value: (s) => {
        const r = refinedFull(s);
        const c = pass(s, 'coarse')?.fullObjectAccuracy ?? null;
        return r === null || c === null ? null : r - c;
      },
      limit: 0,
    },
  ],
  crowded: [
    { label: 'refined full object', value: refinedFull, limit: 0.85 },
    { label: 'count right', value: (s) => pass(s, 'refined')?.countAccuracy ?? null, limit: 0.9 },
  ],
  empty: [{ label: 'says no objects', value: (s) => pass(s, 'refined')?.saidNothing ?? null, limit: 0.99 }],
};

export interface TargetCheck {
  split: EvalSplit;
  label: string;
  value: number | null;
  limit: number;
  atMost: boolean;
  met: boolean | null;
}

/** Each split's targets, judged on its detailed captions; met is null when the figure is missing. */
export function checkTargets(splits: readonly SplitReport[], style: CaptionStyle = 'detailed'): TargetCheck[] {
  return splits.flatMap((sr) => {
    const s = sr.styles.find((x) => x.style === style);
    return SPLIT_TARGETS[sr.split].map((t) => {
      const value = s ? t.value(s) : null;
      const atMost = t.atMost ?? false;
      const met = value === null ? null : atMost ? value <= t.limit : value >= t.limit;
      return { split: sr.split, label: t.label, value, limit: t.limit, atMost, met };
    });
  });
}

/** One row per split, style and pass: the figures the four conditions are compared on. */
export function splitsTable(splits: readonly SplitReport[]): Table {
  return {
    header: [
      'split',
      'style',
      'pass',
      'images',
      'full object',
      'small, full',
      'count',
      'hallucinated',
      'says no objects',
      'false "no objects"',
      'fully correct',
    ],
    align: ['left', 'left', 'left'],
    rows: splits.flatMap((sr) =>
      sr.styles.flatMap((s) =>
        s.passes.map((p) => {
          const w = p.world;
          return [
            sr.split,
            s.style,
            p.pass,
            String(p.images),
            formatPercent(w?.fullObjectAccuracy),
            formatPercent(w?.bySize.small.fullObjectAccuracy),
            formatPercent(w?.countAccuracy),
            formatPercent(w?.hallucinationRate),
            formatPercent(w?.saidNothing),
            formatPercent(w?.falseNothing),
            formatPercent(p.fullyCorrect),
          ];
        }),
      ),
    ),
  };
}

/** The targets as a table: split, figure, value, limit, met. */
export function targetsTable(checks: readonly TargetCheck[]): Table {
  return {
    header: ['split', 'target (detailed)', 'value', 'limit', 'met'],
    align: ['left', 'left'],
    rows: checks.map((c) => [
      c.split,
      c.label,
      c.label === 'refined - coarse' ? points(c.value) : formatPercent(c.value),
      `${c.atMost ? '<=' : '>='} ${c.label === 'refined - coarse' ? points(c.limit) : formatPercent(c.limit, 0)}`,
      c.met === null ? MISSING : c.met ? 'met' : 'not met',
    ]),
  };
}

function points(delta: number | null): string {
  if (delta === null) return MISSING;
  const p = Math.round(delta * 1000) / 10;
  return `${p < 0 ? '' : '+'}${p.toFixed(1)} pts`;
}
