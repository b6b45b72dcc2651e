/**
 * When the learned captioner looks again (issue 16 item 2): always (the MM-SeR method as trained, the default), or
 * only where the glance was unsure. Pass 1 is greedy, so each emitted token has the softmax probability the decoder
 * gave it; when every token that matters is at least `minTokenProbability` likely, the second look is skipped and
 * the refined caption is the coarse one (no crops encoded, no pass 2).
 *
 * Which tokens matter: 'attributes' (default) are the words that name an object's attributes, the bundle's
 * content words (config saliency.content_token_ids: colours, sizes, shapes, patterns) and the position words of
 * the world grammar (docs/caption-grammar.md); 'all' is every emitted token.
 */
import type { GlanceConfig } from './bundle/config';
import type { CaptionResult } from './caption-types';
import { InvalidInputError } from './errors';
import type { CaptionTokenizer } from './text/tokenizer';

/** Which tokens' probabilities decide (see the module comment). */
export type LookTokens = 'all' | 'attributes';

/** Look again only when some deciding token of pass 1 is less likely than `minTokenProbability` (0..1). */
export interface ConfidencePolicy {
  minTokenProbability: number;
  /** Default 'attributes'. */
  tokens?: LookTokens;
}

/** 'always' (default): every refined caption looks again. */
export type LookPolicy = 'always' | ConfidencePolicy;

/** What pass 1's confidence was and what the policy made of it (CaptionResult.look, when a policy was given). */
export interface LookReport {
  /** Whether the second look ran. */
  looked: boolean;
  /** The policy in force, as given ('always' or its threshold and tokens). */
  policy: LookPolicy;
  /** Least probability over every emitted token; null when decoding gave none (beam search). */
  minProbability: number | null;
  /** Least probability over the attribute tokens; null as above. 0 when the caption holds none. */
  minAttributeProbability: number | null;
  /** Each pass-1 token's probability, in order; empty for beam search. */
  tokenProbabilities: number[];
}

/** Words of a position phrase in the world grammar ("in the top left", "at the bottom", "in the center"). */
export const POSITION_WORDS: readonly string[] = ['top', 'bottom', 'left', 'right', 'center'];

/** Attribute token ids of a bundle: its content words plus the position words its vocabulary has. */
export function attributeTokenIds(config: GlanceConfig, tokenizer: CaptionTokenizer): Set<number> {
  const ids = new Set(config.saliency.content_token_ids);
  for (let id = 0; id < tokenizer.vocabSize; id++) {
    const word = tokenizer.word(id);
    if (word !== undefined && POSITION_WORDS.includes(word)) ids.add(id);
  }
  return ids;
}

/**
 * The least probability over all tokens and over the attribute tokens. A caption with no such token has
 * confidence 0 (nothing in it is known to be right, so it is looked at again).
 */
export function passConfidence(
  tokens: readonly number[],
  probabilities: readonly number[],
  attributeIds: ReadonlySet<number>,
): { all: number; attributes: number } {
  if (probabilities.length !== tokens.length) {
    throw new Error(`passConfidence: ${tokens.length} tokens but ${probabilities.length} probabilities`);
  }
  let all = tokens.length === 0 ? 0 : 1;
  let attributes = 1;
  let attributeCount = 0;
  tokens.forEach((token, i) => {
    all = Math.min(all, probabilities[i]);
    if (attributeIds.has(token)) {
      attributes = Math.min(attributes, probabilities[i]);
      attributeCount++;
    }
  });
  return { all, attributes: attributeCount === 0 ? 0 : attributes };
}

/** Throws InvalidInputError unless `policy` is 'always' or a threshold in [0, 1] with known tokens. */
export function checkLookPolicy(policy: LookPolicy): void {
  if (policy === 'always') return;
  if (typeof policy !== 'object' || policy === null) {
    throw new InvalidInputError(`look must be 'always' or { minTokenProbability }, got ${String(policy)}`);
  }
  const tau = policy.minTokenProbability;
  if (typeof tau !== 'number' || !(tau >= 0 && tau <= 1)) {
    throw new InvalidInputError(`look.minTokenProbability must be in [0, 1], got ${tau}`);
  }
  const tokens = policy.tokens ?? 'attributes';
  if (tokens !== 'all' && tokens !== 'attributes') {
    throw new InvalidInputError(`look.tokens must be 'all' or 'attributes', got ${String(tokens)}`);
  }
}

/**
 * Whether to look again. 'always' looks; a confidence policy looks when the deciding confidence is below the
 * threshold, when pass 1 did not end at `</s>` (a cut caption), or when there are no probabilities (beam search).
 */
export function shouldLook(
  policy: LookPolicy,
  confidence: { all: number; attributes: number } | null,
  endedAtEos: boolean,
): boolean {
  if (policy === 'always' || confidence === null || !endedAtEos) return true;
  const value = (policy.tokens ?? 'attributes') === 'all' ? confidence.all : confidence.attributes;
  return value < policy.minTokenProbability;
}

/**
 * The refined caption a reader should be shown: null when refinement was off, or when a look policy skipped the
 * second look (the result then repeats the coarse caption as refined, which is nothing new to show).
 */
export function refinedTextOf(result: Pick<CaptionResult, 'refined' | 'look'>): string | null {
  return result.look?.looked === false ? null : (result.refined?.text ?? null);
}
