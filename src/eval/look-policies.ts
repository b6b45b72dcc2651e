/**
 * "Second-look policies" (issue 16 item 2; `npm run eval -- --policies`): what skipping the look where the glance
 * was sure (src/core/look-policy.ts) would cost in quality and save in time, for a grid of thresholds.
 *
 * The policies are evaluated on one run that always looks and records, per caption, pass 1's confidence and its
 * stage times: a policy's decision depends only on pass 1, and skipping gives refined = coarse and removes exactly
 * the `lookAgain` and `pass2` stages, so each policy's captions are those of a run with that policy and its time
 * is the coarse time plus, where it looks, the second look's time as measured in the same job. (A run with a policy
 * in force, `--look`, reports its own decisions and times in one row instead.)
 */
import type { CaptionStyle } from '../core/bundle/config';
import { shouldLook, type LookPolicy, type LookTokens } from '../core/look-policy';
import { summarize } from '../world/score-summary';
import { addTallies, emptyTally, scoreCaption, type ScoreTally } from '../world/score';
import type { CocoDataset } from './coco';
import { isFullyCorrect } from './refinement';

/** One caption job of a run with the look recorded. */
export interface PolicyCaption {
  id: number;
  style: CaptionStyle;
  coarse: string;
  /** The refined caption of the run (the looked-again one, or the coarse one where the run's policy skipped). */
  refined: string;
  /** Pass 1's least token probability, over all tokens and over attribute tokens (null: beam search). */
  minProbability: number | null;
  minAttributeProbability: number | null;
  /** Pass 1 ended at `</s>` (not cut by a length limit). */
  endedAtEos: boolean;
  /** The job's time without the second look: total - lookAgain - pass2, ms. */
  coarseMs: number;
  /** lookAgain + pass2, ms (0 where the run skipped). */
  secondLookMs: number;
  /** Whether the run looked again (a run with 'always' looked every time). */
  looked: boolean;
}

/** The target: overhead <= 1.3x with refined full-object accuracy within 0.5 points of 'always'. */
export const POLICY_TARGET = { maxCostRatio: 1.3, maxAccuracyDrop: 0.005 } as const;

/** Thresholds of `--policies` by default. */
export const DEFAULT_THRESHOLDS: readonly number[] = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999];

export interface PolicyRow {
  /** 'always', 'attributes >= 0.9', 'all >= 0.9', or 'as run: ...'. */
  policy: string;
  tokens: LookTokens | null;
  threshold: number | null;
  captions: number;
  /** Captions that looked again, over captions. */
  lookedShare: number;
  /** Full-object accuracy (over true objects) of the policy's refined captions, and of the coarse ones. */
  refinedFullObject: number | null;
  coarseFullObject: number | null;
  /** Fully correct captions (refinement.ts), refined and coarse. */
  refinedFullyCorrect: number;
  coarseFullyCorrect: number;
  /** Median of (coarse + second look where looked), and median coarse, ms. */
  medianMs: number | null;
  medianCoarseMs: number | null;
  /** medianMs / medianCoarseMs (the bench's definition of the refinement overhead). */
  costRatio: number | null;
  /**
   * Total time / total coarse time: what the policy costs over many captions (throughput), which the median of a
   * mix of skipped and looked jobs can understate.
   */
  meanCostRatio: number | null;
  /** Refined full-object accuracy minus the 'always' row's (null for the run's own row, or without 'always'). */
  accuracyDelta: number | null;
  /** Cost ratio <= 1.3 and accuracy within 0.5 points of 'always' (null when there is no 'always' to compare). */
  meetsTarget: boolean | null;
}

export interface PolicyStyleReport {
  style: CaptionStyle;
  images: number;
  rows: PolicyRow[];
}

export interface PolicyReport {
  /** 'simulated': policies composed from one run that always looked; 'as run': the run's own policy. */
  method: 'simulated' | 'as run';
  thresholds: number[];
  target: typeof POLICY_TARGET;
  styles: PolicyStyleReport[];
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Scored {
  caption: PolicyCaption;
  coarse: ScoreTally;
  refined: ScoreTally;
}

function describe(policy: LookPolicy): string {
  return policy === 'always' ? 'always' : `${policy.tokens ?? 'attributes'} >= ${policy.minTokenProbability}`;
}

function row(
  name: string,
  policy: LookPolicy | null,
  scored: readonly Scored[],
  lookedOf: (s: Scored) => boolean,
): PolicyRow {
  let refinedTally = emptyTally();
  let coarseTally = emptyTally();
  let refinedCorrect = 0;
  let coarseCorrect = 0;
  let looked = 0;
  const times: number[] = [];
  for (const s of scored) {
    const look = lookedOf(s);
    const refined = look ? s.refined : s.coarse;
    refinedTally = addTallies(refinedTally, refined);
    coarseTally = addTallies(coarseTally, s.coarse);
    if (isFullyCorrect(refined)) refinedCorrect++;
    if (isFullyCorrect(s.coarse)) coarseCorrect++;
    if (look) looked++;
    times.push(s.caption.coarseMs + (look ? s.caption.secondLookMs : 0));
  }
  const n = scored.length;
  const medianMs = median(times);
  const medianCoarseMs = median(scored.map((s) => s.caption.coarseMs));
  const totalCoarseMs = scored.reduce((sum, s) => sum + s.caption.coarseMs, 0);
  const totalMs = times.reduce((sum, t) => sum + t, 0);
  return {
    policy: name,
    tokens: policy && policy !== 'always' ? (policy.tokens ?? 'attributes') : null,
    threshold: policy && policy !== 'always' ? policy.minTokenProbability : null,
    captions: n,
    lookedShare: n === 0 ? 0 : looked / n,
    refinedFullObject: summarize(refinedTally).fullObjectAccuracy,
    coarseFullObject: summarize(coarseTally).fullObjectAccuracy,
    refinedFullyCorrect: n === 0 ? 0 : refinedCorrect / n,
    coarseFullyCorrect: n === 0 ? 0 : coarseCorrect / n,
    medianMs,
    medianCoarseMs,
    costRatio: medianMs !== null && medianCoarseMs ? medianMs / medianCoarseMs : null,
    meanCostRatio: totalCoarseMs > 0 ? totalMs / totalCoarseMs : null,
    accuracyDelta: null,
    meetsTarget: null,
  };
}

/** Marks each row against the 'always' row of its table. */
function judge(rows: PolicyRow[]): PolicyRow[] {
  const always = rows.find((r) => r.policy === 'always');
  if (!always || always.refinedFullObject === null) return rows;
  return rows.map((r) => {
    if (r.refinedFullObject === null) return r;
    const accuracyDelta = r.refinedFullObject - always.refinedFullObject!;
    const meetsTarget =
      r.costRatio !== null &&
      r.costRatio <= POLICY_TARGET.maxCostRatio &&
      accuracyDelta >= -POLICY_TARGET.maxAccuracyDrop - 1e-12;
    return { ...r, accuracyDelta, meetsTarget };
  });
}

/**
 * The policy table per style. When every caption looked (an 'always' run), the rows are 'always' and each
 * threshold for both token sets, simulated; otherwise (a run with a policy in force) one row, as run.
 */
export function policyReport(
  captions: readonly PolicyCaption[],
  dataset: CocoDataset,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
  runPolicy: LookPolicy = 'always',
): PolicyReport {
  if (!dataset.hasObjects) throw new Error('policyReport needs world data (true objects)');
  const objectsOf = new Map(dataset.images.map((image) => [image.id, image.objects!]));
  const simulated = runPolicy === 'always';
  if (simulated && captions.some((c) => !c.looked)) throw new Error('an always run has a caption that did not look');
  const styles: PolicyStyleReport[] = [];
  for (const style of ['short', 'detailed'] as const) {
    const scored = captions
      .filter((c) => c.style === style)
      .map((caption): Scored => {
        const objects = objectsOf.get(caption.id);
        if (!objects) throw new Error(`image ${caption.id} is not in the dataset`);
        return {
          caption,
          coarse: scoreCaption(objects, caption.coarse, style),
          refined: scoreCaption(objects, caption.refined, style),
        };
      });
    if (scored.length === 0) continue;
    let rows: PolicyRow[];
    if (simulated) {
      const policies: LookPolicy[] = [
        'always',
        ...(['attributes', 'all'] as const).flatMap((tokens) =>
          thresholds.map((minTokenProbability): LookPolicy => ({ minTokenProbability, tokens })),
        ),
      ];
      rows = policies.map((policy) =>
        row(describe(policy), policy, scored, ({ caption: c }) =>
          shouldLook(
            policy,
            c.minProbability === null || c.minAttributeProbability === null
              ? null
              : { all: c.minProbability, attributes: c.minAttributeProbability },
            c.endedAtEos,
          ),
        ),
      );
      rows = judge(rows);
    } else {
      rows = [row(`as run: ${describe(runPolicy)}`, runPolicy, scored, (s) => s.caption.looked)];
    }
    styles.push({ style, images: scored.length, rows });
  }
  return { method: simulated ? 'simulated' : 'as run', thresholds: [...thresholds], target: POLICY_TARGET, styles };
}
