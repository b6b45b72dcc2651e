/**
 * Scoring a caption against the scene it describes, for the evaluation (issue 8): predicted objects are matched
 * to true ones, then attributes, whole objects, missed and hallucinated (CHAIR-style) objects and the stated count
 * are tallied, split by object size. Tallies are plain counts, so they add up over many captions; `summarize`
 * turns them into rates. Rules (docs/world.md, "Scoring"):
 *
 * - Truth: a detailed caption should describe every object; a short caption the objects a correct short caption
 *   names (`prominentIndices`). Attributes scored: all five for detailed, shape, colour and size for short.
 * - A predicted and a true object may be paired when they are in the same cell, or when (different or unsaid
 *   cell) they agree on at least two of shape, colour and size: the same thing, misplaced or misdescribed.
 * - The matching is one-to-one and, in strict priority, (1) pairs as many objects in the same cell as possible,
 *   (2) then as many objects as possible, (3) then agrees on the most of shape, colour, size, pattern. It is
 *   solved exactly (Hungarian algorithm on weights that make the priorities strict).
 * - Attribute accuracy counts over matched pairs; full-object accuracy and missed objects over true objects;
 *   hallucinated objects are predicted objects with no match, over predicted objects (CHAIR_i), split by the size
 *   the caption said; count accuracy compares the count the caption states with the true number of objects
 *   (a caption that states none, e.g. unreadable text, is wrong even on an empty scene).
 * - Empty scenes (no object): nothing can be missed; every object a caption names there is hallucinated; the
 *   caption is right when it says "no objects" (`saidNothing`). Saying "no objects" of a scene with objects is
 *   counted as `falseNothing` (and, as always, its objects as missed and its count as wrong).
 */
import { maxWeightAssignment } from './assignment';
import { prominentIndices, type CaptionStyle } from './captions';
import { parseCaption, saysNoObjects, statedCount, type ParsedCaption, type ParsedObject } from './parse';
import { SIZES, type ObjectDescription, type Size } from './scene';

export const SCORED_ATTRIBUTES = ['shape', 'colour', 'size', 'pattern', 'position'] as const;
export type ScoredAttribute = (typeof SCORED_ATTRIBUTES)[number];

/** The attributes each caption style says, and so is scored on. */
export const STYLE_ATTRIBUTES: Readonly<Record<CaptionStyle, readonly ScoredAttribute[]>> = {
  detailed: SCORED_ATTRIBUTES,
  short: ['shape', 'colour', 'size'],
};

/** Attributes that identify an object when its cell does not: a pair needs two of them to agree. */
const IDENTITY_ATTRIBUTES = ['shape', 'colour', 'size'] as const;
const IDENTITY_AGREEMENT = 2;
const AGREEMENT_ATTRIBUTES = ['shape', 'colour', 'size', 'pattern'] as const;

/** A predicted object paired with a true one (indices into the lists given). */
export interface ObjectMatch {
  truth: number;
  predicted: number;
  correct: Record<ScoredAttribute, boolean>;
}

/** Counts for the true objects of one size class. */
export interface TruthTally {
  objects: number;
  matched: number;
  /** Matched, with every attribute the style says correct. */
  fullyCorrect: number;
  /** Matched pairs scored on each attribute, and how many had it right. */
  scored: Record<ScoredAttribute, number>;
  correct: Record<ScoredAttribute, number>;
}

/** Counts for predicted objects, by the size the caption said. */
export interface PredictedTally {
  predicted: number;
  hallucinated: number;
}

/** Summable counts over one or more captions. */
export interface ScoreTally {
  captions: number;
  countCorrect: number;
  /** Captions with at least one hallucinated object (CHAIR_s numerator). */
  captionsWithHallucination: number;
  /** Captions with text the parser could not read. */
  captionsWithUnparsed: number;
  /** Captions of scenes with no object. */
  emptyScenes: number;
  /** Captions of scenes with no object that say "no objects" (and name none). */
  saidNothing: number;
  /** Captions of scenes with objects that say "no objects" (and name none). */
  falseNothing: number;
  truth: Record<Size, TruthTally>;
  /** By said size; 'unsized' for objects whose size the caption did not say. */
  predicted: Record<Size | 'unsized', PredictedTally>;
}

/** The tally's per-caption counts (the rest are per object). */
const COUNTS_PER_CAPTION = [
  'captions',
  'countCorrect',
  'captionsWithHallucination',
  'captionsWithUnparsed',
  'emptyScenes',
  'saidNothing',
  'falseNothing',
] as const;

const agrees = (t: ObjectDescription, p: ParsedObject, a: ScoredAttribute): boolean => t[a] === p[a];

/** Whether a predicted object may be paired with a true one (see the rules at the top). */
export function canPair(t: ObjectDescription, p: ParsedObject): boolean {
  if (p.position === t.position) return true;
  return IDENTITY_ATTRIBUTES.filter((a) => agrees(t, p, a)).length >= IDENTITY_AGREEMENT;
}

/** The best one-to-one pairing of predicted to true objects, by the priorities at the top of this file. */
export function matchObjects(truth: readonly ObjectDescription[], predicted: readonly ParsedObject[]): ObjectMatch[] {
  const k = Math.min(truth.length, predicted.length);
  // Agreement adds at most 4 per pair: one more pair outweighs any agreement, one more same-cell pair any count.
  const pairWeight = 4 * k + 1;
  const cellWeight = k * (pairWeight + 4) + 1;
  const weights = truth.map((t) =>
    predicted.map((p) => {
      if (!canPair(t, p)) return 0;
      const agreement = AGREEMENT_ATTRIBUTES.filter((a) => agrees(t, p, a)).length;
      return (p.position === t.position ? cellWeight : 0) + pairWeight + agreement;
    }),
  );
  const matches: ObjectMatch[] = [];
  maxWeightAssignment(weights).forEach((j, i) => {
    if (j < 0) return;
    const correct = Object.fromEntries(SCORED_ATTRIBUTES.map((a) => [a, agrees(truth[i], predicted[j], a)]));
    matches.push({ truth: i, predicted: j, correct: correct as Record<ScoredAttribute, boolean> });
  });
  return matches;
}

const perAttribute = (): Record<ScoredAttribute, number> =>
  Object.fromEntries(SCORED_ATTRIBUTES.map((a) => [a, 0])) as Record<ScoredAttribute, number>;
const emptyTruth = (): TruthTally => ({
  objects: 0,
  matched: 0,
  fullyCorrect: 0,
  scored: perAttribute(),
  correct: perAttribute(),
});

/** A tally of zero captions: the start of a sum. */
export function emptyTally(): ScoreTally {
  return {
    captions: 0,
    countCorrect: 0,
    captionsWithHallucination: 0,
    captionsWithUnparsed: 0,
    emptyScenes: 0,
    saidNothing: 0,
    falseNothing: 0,
    truth: { small: emptyTruth(), medium: emptyTruth(), large: emptyTruth() },
    predicted: {
      small: { predicted: 0, hallucinated: 0 },
      medium: { predicted: 0, hallucinated: 0 },
      large: { predicted: 0, hallucinated: 0 },
      unsized: { predicted: 0, hallucinated: 0 },
    },
  };
}

/**
 * Scores one caption (text or already parsed) written in `style` against the scene's true objects (reading
 * order). In a detailed caption an unsaid pattern means plain.
 */
export function scoreCaption(
  truthObjects: readonly ObjectDescription[],
  caption: string | ParsedCaption,
  style: CaptionStyle,
): ScoreTally {
  const parsed = typeof caption === 'string' ? parseCaption(caption) : caption;
  const predicted = parsed.objects.map((o) => (style === 'detailed' ? { ...o, pattern: o.pattern ?? 'plain' } : o));
  const truth = style === 'detailed' ? truthObjects : prominentIndices(truthObjects).map((i) => truthObjects[i]);
  const attributes = STYLE_ATTRIBUTES[style];
  const matches = matchObjects(truth, predicted);
  const tally = emptyTally();
  tally.captions = 1;
  tally.countCorrect = statedCount(parsed) === truthObjects.length ? 1 : 0;
  tally.captionsWithUnparsed = parsed.unparsed.length > 0 ? 1 : 0;
  const empty = truthObjects.length === 0;
  tally.emptyScenes = empty ? 1 : 0;
  tally.saidNothing = empty && saysNoObjects(parsed) ? 1 : 0;
  tally.falseNothing = !empty && saysNoObjects(parsed) ? 1 : 0;
  for (const t of truth) tally.truth[t.size].objects++;
  for (const m of matches) {
    const t = tally.truth[truth[m.truth].size];
    t.matched++;
    for (const a of attributes) {
      t.scored[a]++;
      if (m.correct[a]) t.correct[a]++;
    }
    if (attributes.every((a) => m.correct[a])) t.fullyCorrect++;
  }
  const pairedPredictions = new Set(matches.map((m) => m.predicted));
  predicted.forEach((p, j) => {
    const bucket = tally.predicted[p.size ?? 'unsized'];
    bucket.predicted++;
    if (!pairedPredictions.has(j)) bucket.hallucinated++;
  });
  tally.captionsWithHallucination = pairedPredictions.size < predicted.length ? 1 : 0;
  return tally;
}

/** Sum of two tallies (neither is changed). */
export function addTallies(a: ScoreTally, b: ScoreTally): ScoreTally {
  const sum = emptyTally();
  for (const key of COUNTS_PER_CAPTION) sum[key] = a[key] + b[key];
  for (const size of SIZES) {
    const [x, y, s] = [a.truth[size], b.truth[size], sum.truth[size]];
    s.objects = x.objects + y.objects;
    s.matched = x.matched + y.matched;
    s.fullyCorrect = x.fullyCorrect + y.fullyCorrect;
    for (const attr of SCORED_ATTRIBUTES) {
      s.scored[attr] = x.scored[attr] + y.scored[attr];
      s.correct[attr] = x.correct[attr] + y.correct[attr];
    }
  }
  for (const size of [...SIZES, 'unsized'] as const) {
    sum.predicted[size].predicted = a.predicted[size].predicted + b.predicted[size].predicted;
    sum.predicted[size].hallucinated = a.predicted[size].hallucinated + b.predicted[size].hallucinated;
  }
  return sum;
}
