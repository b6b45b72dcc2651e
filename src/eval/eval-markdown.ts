/** The eval report as Markdown (reports/<date>/eval.md) and the tables the console prints. */
import { formatMs, formatNumber, formatPercent, formatRatio, MISSING } from '../bench/format';
import { markdownTable, type Table } from '../bench/table';
import { SCORED_ATTRIBUTES } from '../world/score';
import { SIZES } from '../world/scene';
import type { EvalReport } from './eval-report';
import { checkTargets, splitsTable, targetsTable } from './eval-splits';

/** Style and pass are words; the other columns are figures (right, the default). */
const WORDS_FIRST: Table['align'] = ['left', 'left'];

/** CIDEr-D on the papers' scale (x100), BLEU-4 as a percentage. */
export function textMetricsTable(report: EvalReport): Table {
  return {
    header: ['style', 'pass', 'images', 'BLEU-4', 'CIDEr-D', 'exact match', 'fully correct', 'median ms'],
    align: WORDS_FIRST,
    rows: report.styles.flatMap((s) =>
      s.passes.map((p) => [
        s.style,
        p.pass,
        String(p.images),
        formatNumber(p.bleu[3] * 100, 1),
        formatNumber(p.ciderD * 100, 1),
        formatPercent(p.exactMatch),
        formatPercent(p.fullyCorrect),
        p.pass === 'coarse' ? '' : formatMs(s.medianMs),
      ]),
    ),
  };
}

/** Per-attribute accuracy (over matched objects) and full-object accuracy by true size. */
export function objectTable(report: EvalReport): Table {
  return {
    header: ['style', 'pass', ...SCORED_ATTRIBUTES, 'full object', ...SIZES.map((s) => `full, ${s}`), 'count'],
    align: WORDS_FIRST,
    rows: report.styles.flatMap((s) =>
      s.passes
        .filter((p) => p.world)
        .map((p) => [
          s.style,
          p.pass,
          ...SCORED_ATTRIBUTES.map((a) => formatPercent(p.world!.attributeAccuracy[a])),
          formatPercent(p.world!.fullObjectAccuracy),
          ...SIZES.map((size) => formatPercent(p.world!.bySize[size].fullObjectAccuracy)),
          formatPercent(p.world!.countAccuracy),
        ]),
    ),
  };
}

/**
 * Attribute accuracy (over matched objects) by true size: whether the global view can read small objects' shape
 * and pattern, and the crops can, is what the second look is for (docs/world.md, "Difficulty").
 */
export function attributesBySizeTable(report: EvalReport): Table {
  return {
    header: ['style', 'pass', 'true size', ...SCORED_ATTRIBUTES],
    align: ['left', 'left', 'left'],
    rows: report.styles.flatMap((s) =>
      s.passes
        .filter((p) => p.world)
        .flatMap((p) =>
          SIZES.map((size) => [
            s.style,
            p.pass,
            size,
            ...SCORED_ATTRIBUTES.map((a) => formatPercent(p.world!.bySize[size].attributeAccuracy[a])),
          ]),
        ),
    ),
  };
}

/** Missed objects (over true objects) and hallucinated ones (CHAIR_i over said objects, CHAIR_s over captions). */
export function errorsTable(report: EvalReport): Table {
  return {
    header: [
      'style',
      'pass',
      'missed',
      ...SIZES.map((s) => `missed, ${s}`),
      'hallucinated (CHAIR_i)',
      'captions with one (CHAIR_s)',
      'unparsed',
    ],
    align: WORDS_FIRST,
    rows: report.styles.flatMap((s) =>
      s.passes
        .filter((p) => p.world)
        .map((p) => [
          s.style,
          p.pass,
          `${formatPercent(p.world!.missedRate)} (${p.world!.missed}/${p.world!.objects})`,
          ...SIZES.map((size) => formatPercent(p.world!.bySize[size].missedRate)),
          `${formatPercent(p.world!.hallucinationRate)} (${p.world!.hallucinated}/${p.world!.predicted})`,
          formatPercent(p.world!.captionHallucinationRate),
          formatPercent(p.world!.unparsedRate),
        ]),
    ),
  };
}

export function refinementTable(report: EvalReport): Table {
  return {
    header: [
      'style',
      'captions',
      'coarse fully correct',
      'refined fully correct',
      'broken by refinement',
      'fixed by refinement',
    ],
    rows: report.styles
      .filter((s) => s.refinement)
      .map((s) => {
        const r = s.refinement!;
        return [
          s.style,
          String(r.captions),
          String(r.coarseCorrect),
          String(r.refinedCorrect),
          `${r.broken} (${formatPercent(r.brokenShare)} of the correct coarse)`,
          `${r.fixed} (${formatPercent(r.fixedShare)} of the wrong coarse)`,
        ];
      }),
  };
}

/** A difference of shares in points with its sign: -0.0042 -> "-0.4"; "+0.0" when it rounds to zero. */
function formatPoints(delta: number | null): string {
  if (delta === null) return MISSING;
  const points = Math.round(delta * 1000) / 10;
  return points < 0 ? points.toFixed(1) : `+${Math.abs(points).toFixed(1)}`;
}

/** Second-look policies: how often each looked again, what it kept of the refined quality, what it cost. */
export function policyTable(report: EvalReport): Table {
  return {
    header: [
      'style',
      'policy',
      'looked again',
      'refined full object',
      'vs always',
      'coarse full object',
      'refined fully correct',
      'median ms',
      'cost ratio',
      'mean cost ratio',
      'target',
    ],
    align: WORDS_FIRST,
    rows: (report.policies?.styles ?? []).flatMap((s) =>
      s.rows.map((r) => [
        s.style,
        r.policy,
        formatPercent(r.lookedShare),
        formatPercent(r.refinedFullObject),
        formatPoints(r.accuracyDelta),
        formatPercent(r.coarseFullObject),
        formatPercent(r.refinedFullyCorrect),
        formatMs(r.medianMs),
        formatRatio(r.costRatio),
        formatRatio(r.meanCostRatio),
        r.meetsTarget === null ? MISSING : r.meetsTarget ? 'met' : 'not met',
      ]),
    ),
  };
}

function policySection(report: EvalReport): string[] {
  const p = report.policies;
  if (!p) return [];
  const how =
    p.method === 'simulated'
      ? 'Composed from this run, which always looked: a policy skips the look when every deciding pass-1 token ' +
        "(attribute words, or all tokens) is at least that likely, and then its refined caption is the coarse one and its time the job's time less the look-again and pass-2 stages, measured per caption in the same job."
      : 'The run itself used this policy: its own decisions and times.';
  return [
    '',
    '## Second-look policies',
    '',
    `${how} Full-object accuracy over true objects; "vs always" in points; cost ratio = median (coarse + look ` +
      `where looked) / median coarse (the bench's definition; target judged on it); mean cost ratio = total / total ` +
      `coarse time (throughput). Target (issue 16): cost <= ${p.target.maxCostRatio}x with refined ` +
      `full-object accuracy within ${p.target.maxAccuracyDrop * 100} points of always.`,
    '',
    markdownTable(policyTable(report)),
  ];
}

function splitsSection(report: EvalReport): string[] {
  if (!report.splits) return [];
  return [
    '',
    '## Conditions',
    '',
    'The same bundle on each world split (docs/world.md, "Eval splits"): clean test scenes; the same scenes ' +
      'as a camera sees them (warp, light, blur, noise, JPEG; the truth follows the warp); crowded scenes of ' +
      '7-9 objects; empty scenes, whose caption is "no objects.". Full object over true objects; hallucinated ' +
      'over said objects; "says no objects" over empty scenes; false "no objects" over scenes that hold some.',
    '',
    markdownTable(splitsTable(report.splits)),
    '',
    "Issue 19's targets, on detailed captions:",
    '',
    markdownTable(targetsTable(checkTargets(report.splits))),
  ];
}

export function evalMarkdown(report: EvalReport): string {
  const lines = [
    `# Glance eval, ${report.date}`,
    '',
    `${'captions' in report.settings ? 'Captions written by' : 'Bundle'} \`${report.bundle}\`, data \`${report.data.path}\` (${report.data.images} images` +
      `${report.data.world ? ', world scenes: object-level scores included' : ', no true scenes: text metrics only'}). ` +
      `Machine: ${report.machine}. Run took ${formatNumber(report.durationS, 0)} s.`,
    `Settings: ${Object.entries(report.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    '',
    '## Text metrics',
    '',
    'BLEU-4 in % and CIDEr-D x 100, against the references of the same style (COCO caption evaluation ' +
      'definitions, docs/metrics.md). Fully correct: every object right, nothing extra, the right count.',
    '',
    markdownTable(textMetricsTable(report)),
  ];
  if (report.data.world) {
    lines.push(
      '',
      '## Objects',
      '',
      'Attribute accuracy over matched objects; full-object accuracy (every attribute the style says right) over ' +
        'true objects, by true size; count: the stated number of objects is right. Short captions say neither ' +
        'pattern nor position.',
      '',
      markdownTable(objectTable(report)),
      '',
      'By true size (attribute accuracy over matched objects):',
      '',
      markdownTable(attributesBySizeTable(report)),
      '',
      markdownTable(errorsTable(report)),
      '',
      '## What refinement did',
      '',
      markdownTable(refinementTable(report)),
    );
  }
  lines.push(...splitsSection(report));
  lines.push(...policySection(report));
  if (report.examples.length) {
    lines.push('', '## Examples', '');
    for (const e of report.examples) {
      lines.push(
        `- image ${e.id}, ${e.style}: reference "${e.reference}"`,
        `  - coarse: "${e.coarse}"`,
        `  - refined: ${e.refined === null ? MISSING : `"${e.refined}"`}`,
      );
    }
  }
  if (report.notes.length) lines.push('', '## Notes', '', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}
