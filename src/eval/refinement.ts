/**
 * Whether a caption is fully correct, and what refinement did to the coarse captions: the share of fully
 * correct coarse captions that refinement broke (the regression the second look must not cause), and the share
 * of wrong ones it fixed.
 */
import { SIZES } from '../world/scene';
import type { ScoreTally } from '../world/score';

/**
 * Fully correct: every true object matched with every attribute the style says right, nothing hallucinated,
 * the stated count right and no unreadable text. (A caption can be fully correct and still differ from the
 * reference in wording the parser tolerates.)
 */
export function isFullyCorrect(tally: ScoreTally): boolean {
  if (tally.captions !== 1) throw new Error(`isFullyCorrect takes one caption's tally, got ${tally.captions}`);
  const objects = SIZES.reduce((s, size) => s + tally.truth[size].objects, 0);
  const fully = SIZES.reduce((s, size) => s + tally.truth[size].fullyCorrect, 0);
  return (
    fully === objects &&
    tally.captionsWithHallucination === 0 &&
    tally.countCorrect === 1 &&
    tally.captionsWithUnparsed === 0
  );
}

export interface RefinementEffect {
  captions: number;
  coarseCorrect: number;
  refinedCorrect: number;
  /** Coarse fully correct, refined not. */
  broken: number;
  /** broken / coarseCorrect; null when no coarse caption was fully correct. */
  brokenShare: number | null;
  /** Coarse not fully correct, refined fully correct. */
  fixed: number;
  /** fixed / (captions - coarseCorrect). */
  fixedShare: number | null;
}

export function refinementEffect(pairs: readonly { coarse: boolean; refined: boolean }[]): RefinementEffect {
  const coarseCorrect = pairs.filter((p) => p.coarse).length;
  const broken = pairs.filter((p) => p.coarse && !p.refined).length;
  const fixed = pairs.filter((p) => !p.coarse && p.refined).length;
  const coarseWrong = pairs.length - coarseCorrect;
  return {
    captions: pairs.length,
    coarseCorrect,
    refinedCorrect: pairs.filter((p) => p.refined).length,
    broken,
    brokenShare: coarseCorrect === 0 ? null : broken / coarseCorrect,
    fixed,
    fixedShare: coarseWrong === 0 ? null : fixed / coarseWrong,
  };
}
