/** Rates from summed score tallies (score.ts): what the evaluation prints. A rate with a zero denominator is null. */
import {
  SCORED_ATTRIBUTES,
  type PredictedTally,
  type ScoreTally,
  type ScoredAttribute,
  type TruthTally,
} from './score';
import { SIZES, type Size } from './scene';

/** Object-level rates for one size class, or all sizes together. */
export interface ObjectScores {
  /** True objects. */
  objects: number;
  matched: number;
  missed: number;
  /** missed / objects. */
  missedRate: number | null;
  /** Matched with every attribute the style says right, over true objects. */
  fullObjectAccuracy: number | null;
  /** Right over matched pairs scored on that attribute (null for attributes the style does not say). */
  attributeAccuracy: Record<ScoredAttribute, number | null>;
  /** Predicted objects, by the size the caption said. */
  predicted: number;
  hallucinated: number;
  /** CHAIR_i: hallucinated / predicted. */
  hallucinationRate: number | null;
}

export interface ScoreSummary extends ObjectScores {
  captions: number;
  /** Captions whose stated count is the true number of objects. */
  countAccuracy: number | null;
  /** CHAIR_s: captions with at least one hallucinated object, over captions. */
  captionHallucinationRate: number | null;
  /** Captions with text the parser could not read, over captions. */
  unparsedRate: number | null;
  /** Captions of scenes with no object. */
  emptyScenes: number;
  /** Captions of empty scenes that say "no objects" (naming none), over captions of empty scenes. */
  saidNothing: number | null;
  /** Captions of scenes with objects that say "no objects" (naming none), over captions of such scenes. */
  falseNothing: number | null;
  bySize: Record<Size, ObjectScores>;
}

const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

function objectScores(truth: readonly TruthTally[], predicted: readonly PredictedTally[]): ObjectScores {
  const sum = (f: (t: TruthTally) => number): number => truth.reduce((s, t) => s + f(t), 0);
  const objects = sum((t) => t.objects);
  const matched = sum((t) => t.matched);
  const predictedCount = predicted.reduce((s, p) => s + p.predicted, 0);
  const hallucinated = predicted.reduce((s, p) => s + p.hallucinated, 0);
  const attributeAccuracy = Object.fromEntries(
    SCORED_ATTRIBUTES.map((a) => [
      a,
      rate(
        sum((t) => t.correct[a]),
        sum((t) => t.scored[a]),
      ),
    ]),
  ) as Record<ScoredAttribute, number | null>;
  return {
    objects,
    matched,
    missed: objects - matched,
    missedRate: rate(objects - matched, objects),
    fullObjectAccuracy: rate(
      sum((t) => t.fullyCorrect),
      objects,
    ),
    attributeAccuracy,
    predicted: predictedCount,
    hallucinated,
    hallucinationRate: rate(hallucinated, predictedCount),
  };
}

/** Rates overall and by size: true-object figures by true size, hallucination figures by said size. */
export function summarize(tally: ScoreTally): ScoreSummary {
  const bySize = Object.fromEntries(
    SIZES.map((size) => [size, objectScores([tally.truth[size]], [tally.predicted[size]])]),
  ) as Record<Size, ObjectScores>;
  return {
    ...objectScores(
      SIZES.map((s) => tally.truth[s]),
      Object.values(tally.predicted),
    ),
    captions: tally.captions,
    countAccuracy: rate(tally.countCorrect, tally.captions),
    captionHallucinationRate: rate(tally.captionsWithHallucination, tally.captions),
    unparsedRate: rate(tally.captionsWithUnparsed, tally.captions),
    emptyScenes: tally.emptyScenes,
    saidNothing: rate(tally.saidNothing, tally.emptyScenes),
    falseNothing: rate(tally.falseNothing, tally.captions - tally.emptyScenes),
    bySize,
  };
}
