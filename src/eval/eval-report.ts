/**
 * Builds the eval report from the captions a run produced: COCO text metrics (src/core/metrics) per style and
 * pass, the world's object-level scores (src/world) when the data has true scenes, and what refinement did.
 */
import type { CaptionStyle } from '../core/bundle/config';
import { scoreCaptions } from '../core/metrics';
import type { BleuScores } from '../core/metrics';
import { summarize, type ScoreSummary } from '../world/score-summary';
import { addTallies, emptyTally, scoreCaption } from '../world/score';
import { referencesFor, type CocoDataset } from './coco';
import type { SplitReport } from './eval-splits';
import type { PolicyReport } from './look-policies';
import { isFullyCorrect, refinementEffect, type RefinementEffect } from './refinement';

/** The captions of one image in one style. */
export interface ImageCaptions {
  id: number;
  style: CaptionStyle;
  coarse: string;
  /** null when refinement was off. */
  refined: string | null;
  /** The caption job's total, ms; null when the producer did not time it (a captions file). */
  totalMs: number | null;
}

export type Pass = 'coarse' | 'refined';

export interface PassReport {
  pass: Pass;
  /** Images scored (those with references). */
  images: number;
  bleu: BleuScores;
  ciderD: number;
  /** Share of captions equal to one of the references (after trimming). */
  exactMatch: number;
  /** Object-level scores; null without true scenes. */
  world: ScoreSummary | null;
  /** Share of fully correct captions (refinement.ts); null without true scenes. */
  fullyCorrect: number | null;
}

export interface StyleReport {
  style: CaptionStyle;
  images: number;
  passes: PassReport[];
  refinement: RefinementEffect | null;
  /** Median caption job total, ms (coarse + refined when refining); null when no caption was timed. */
  medianMs: number | null;
}

export interface EvalExample {
  id: number;
  style: CaptionStyle;
  reference: string;
  coarse: string;
  refined: string | null;
}

export interface EvalInputs {
  date: string;
  machine: string;
  bundle: string;
  data: { path: string };
  dataset: CocoDataset;
  captions: readonly ImageCaptions[];
  settings: Record<string, string | number | boolean>;
  durationS: number;
  notes?: string[];
  /** Examples per style in the report. Default 3. */
  examples?: number;
}

export interface EvalReport {
  kind: 'glance-eval';
  version: 1;
  date: string;
  machine: string;
  bundle: string;
  data: { path: string; images: number; world: boolean };
  settings: Record<string, string | number | boolean>;
  styles: StyleReport[];
  examples: EvalExample[];
  durationS: number;
  notes: string[];
  /** Second-look policies (`--policies` or `--look`; look-policies.ts); absent otherwise. */
  policies?: PolicyReport;
  /** The world's eval conditions (clean, camera, crowded, empty; eval-splits.ts) when more than one ran. */
  splits?: SplitReport[];
}

function middle(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function passReport(
  pass: Pass,
  style: CaptionStyle,
  captions: readonly ImageCaptions[],
  references: Map<number, string[]>,
  dataset: CocoDataset,
  correct: Map<number, boolean> | null,
): PassReport {
  const text = (c: ImageCaptions) => (pass === 'coarse' ? c.coarse : (c.refined ?? ''));
  const candidates = new Map(captions.map((c) => [c.id, text(c)]));
  const refs = new Map(captions.map((c) => [c.id, references.get(c.id)!]));
  const scores = scoreCaptions(candidates, refs);
  const exact = captions.filter((c) => refs.get(c.id)!.some((r) => r.trim() === text(c).trim())).length;
  let world: ScoreSummary | null = null;
  if (dataset.hasObjects && correct) {
    const objectsOf = new Map(dataset.images.map((image) => [image.id, image.objects!]));
    let tally = emptyTally();
    for (const c of captions) {
      const one = scoreCaption(objectsOf.get(c.id)!, text(c), style);
      correct.set(c.id, isFullyCorrect(one));
      tally = addTallies(tally, one);
    }
    world = summarize(tally);
  }
  const fully = correct ? [...correct.values()].filter(Boolean).length : 0;
  return {
    pass,
    images: captions.length,
    bleu: scores.bleu,
    ciderD: scores.ciderD,
    exactMatch: exact / captions.length,
    world,
    fullyCorrect: correct ? fully / captions.length : null,
  };
}

function styleReport(style: CaptionStyle, all: readonly ImageCaptions[], dataset: CocoDataset): StyleReport | null {
  const references = referencesFor(dataset, style);
  const captions = all.filter((c) => c.style === style && (references.get(c.id)?.length ?? 0) > 0);
  if (captions.length === 0) return null;
  const refining = captions.every((c) => c.refined !== null);
  const world = dataset.hasObjects;
  const coarseCorrect = world ? new Map<number, boolean>() : null;
  const refinedCorrect = world ? new Map<number, boolean>() : null;
  const passes = [passReport('coarse', style, captions, references, dataset, coarseCorrect)];
  if (refining) passes.push(passReport('refined', style, captions, references, dataset, refinedCorrect));
  const refinement =
    refining && coarseCorrect && refinedCorrect
      ? refinementEffect(
          captions.map((c) => ({ coarse: coarseCorrect.get(c.id)!, refined: refinedCorrect.get(c.id)! })),
        )
      : null;
  return {
    style,
    images: captions.length,
    passes,
    refinement,
    medianMs: middle(captions.flatMap((c) => (c.totalMs === null ? [] : [c.totalMs]))),
  };
}

export function buildEvalReport(inputs: EvalInputs): EvalReport {
  const { dataset, captions } = inputs;
  const styles = (['short', 'detailed'] as const)
    .map((style) => styleReport(style, captions, dataset))
    .filter((s): s is StyleReport => s !== null);
  const perStyle = inputs.examples ?? 3;
  const examples = styles.flatMap(({ style }) => {
    const references = referencesFor(dataset, style);
    return captions
      .filter((c) => c.style === style && references.has(c.id))
      .slice(0, perStyle)
      .map((c) => ({ id: c.id, style, reference: references.get(c.id)![0], coarse: c.coarse, refined: c.refined }));
  });
  return {
    kind: 'glance-eval',
    version: 1,
    date: inputs.date,
    machine: inputs.machine,
    bundle: inputs.bundle,
    data: { path: inputs.data.path, images: new Set(captions.map((c) => c.id)).size, world: dataset.hasObjects },
    settings: inputs.settings,
    styles,
    examples,
    durationS: inputs.durationS,
    notes: inputs.notes ?? [],
  };
}
