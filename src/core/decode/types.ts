import type { CancelCheck } from './cancel';
import type { RepetitionOptions } from './logits';

/** Decoding settings for one generation. */
export interface GenerateOptions extends RepetitionOptions {
  maxNewTokens: number;
  eosId: number;
  /** 1 = greedy (streams tokens as they come); > 1 = beam search (tokens reported when it ends). */
  numBeams?: number;
  /** Beam scores are sum(log p) / length^lengthPenalty, length counting `</s>`; default 1. */
  lengthPenalty?: number;
  /** Keep each fed token's saliency over the first this-many positions (the image tokens); 0 = keep none. */
  saliencyPositions?: number;
  /** The decoder's position limit (config decoder.max_positions): no token is fed at this index or later. */
  maxPositions: number;
}

/** Callbacks of a generation. */
export interface GenerateHooks {
  /** A new token of the answer: as decoded (greedy), or all at the end (beam search). */
  onToken?: (token: number, index: number) => void;
  /** Checked before every decoder step; when it says stop, the generation throws CancelledError. */
  cancel?: CancelCheck;
}

/** Why a generation ended. */
export type StopReason = 'eos' | 'max_new_tokens' | 'max_positions';

/** The outcome of one generation. */
export interface Generation {
  /** Generated ids, without `</s>`. */
  tokens: number[];
  stopReason: StopReason;
  /**
   * `saliency[i]` is the saliency row (first `saliencyPositions` positions) of the step whose input was
   * `tokens[i]`. A token that was never fed (the last one, when a length limit stopped decoding) has none, so
   * the array may be one shorter than `tokens`.
   */
  saliency: Float32Array[];
  /** Decoder calls made. */
  steps: number;
  /**
   * Greedy only: `probabilities[i]` is the softmax probability (after the logits processors) the decoder gave
   * `tokens[i]` when it chose it. Absent for beam search.
   */
  probabilities?: number[];
}
