import {
  ANSWER_LOGIT,
  ANSWER_STEPS,
  HEAD_DIM,
  HIDDEN,
  N_LAYER,
  N_SUBSETS,
  SPECIAL,
  TEXT_CHANNEL,
  answerTokens,
  subsetColours,
} from './design';
import { type SmolVocab, tokenId } from './tokenizer';

/** The designed weight matrices (row-major). Every value is 0, 1 or ANSWER_LOGIT: exact in float16 and in int8. */
export interface SmolWeights {
  /** [V, HIDDEN]: every token embeds to the text channel. */
  embed: Float32Array;
  /** [3, HIDDEN]: an image token's colour flags (red, green, blue) into channels 0..2. */
  visionProj: Float32Array;
  /** Per layer [HIDDEN, HEAD_DIM]: keys are the hidden state (stored, never attended to). */
  keyProj: Float32Array[];
  /** [HIDDEN, HEAD_DIM]: layer 0's values keep the colour channels and drop the text channel. */
  colourValueProj: Float32Array;
  /** [N_SUBSETS · ANSWER_STEPS, V]: row subset·ANSWER_STEPS + step puts ANSWER_LOGIT on that step's token. */
  answerTable: Float32Array;
}

function identity(rows: number, cols: number, keep: (i: number) => boolean = () => true): Float32Array {
  const m = new Float32Array(rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) if (keep(i)) m[i * cols + i] = 1;
  return m;
}

export function designedWeights(v: SmolVocab): SmolWeights {
  const V = v.vocab.size;
  const embed = new Float32Array(V * HIDDEN);
  for (let t = 0; t < V; t++) embed[t * HIDDEN + TEXT_CHANNEL] = 1;

  const eos = tokenId(v, SPECIAL.eos);
  const answerTable = new Float32Array(N_SUBSETS * ANSWER_STEPS * V);
  for (let subset = 0; subset < N_SUBSETS; subset++) {
    const ids = answerTokens(subsetColours(subset)).map((t) => tokenId(v, t));
    for (let step = 0; step < ANSWER_STEPS; step++) {
      // After the answer, every step (the table's last step included) is <end_of_utterance>.
      const target = step < ids.length ? ids[step] : eos;
      answerTable[(subset * ANSWER_STEPS + step) * V + target] = ANSWER_LOGIT;
    }
  }

  return {
    embed,
    visionProj: identity(3, HIDDEN),
    keyProj: Array.from({ length: N_LAYER }, () => identity(HIDDEN, HEAD_DIM)),
    colourValueProj: identity(HIDDEN, HEAD_DIM, (i) => i !== TEXT_CHANNEL),
    answerTable,
  };
}
