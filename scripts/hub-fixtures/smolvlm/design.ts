/**
 * The designed behaviour of the tiny `glance-test/smolvlm-tiny` model (SmolVLM / Idefics3 layout), shared by the
 * generator and its tests so that the expected answers are stated once, independently of the app code.
 *
 * Whatever the prompt says, the model answers `colourListCaption(colours)` (../colour-patches.ts) for the colours
 * present in ANY of the prompt's images, then `<end_of_utterance>`.
 */
import { COLOURS, type Colour, FIXTURE_ROOT, REPO_ORG } from '../design';
import { PATCH } from '../colour-patches';

export const REPO_NAME = 'smolvlm-tiny';
export const REPO_ID = `${REPO_ORG}/${REPO_NAME}`;
export const FIXTURE_DIR = `${FIXTURE_ROOT}/${REPO_ID}`;

/** Every image becomes IMAGE_SIZE² pixels (squashed, not aspect-preserving), cut into PATCH² patches. */
export const IMAGE_SIZE = 32;
export const PATCHES_PER_SIDE = IMAGE_SIZE / PATCH;
/** One image feature (one `<image>` token in the prompt) per patch: the processor's `image_seq_len`. */
export const IMAGE_SEQ_LEN = PATCHES_PER_SIDE * PATCHES_PER_SIDE;

/**
 * Hidden size of the language model: channels 0..2 carry the colour flags red, green, blue (image features), channel
 * 3 is 1 for every text token. One key/value head of HEAD_DIM channels per layer, two layers.
 */
export const HIDDEN = 4;
export const HEAD_DIM = HIDDEN;
export const N_KV_HEADS = 1;
export const N_LAYER = 2;
export const TEXT_CHANNEL = 3;

/** SmolVLM's special tokens (ids 0..6 here, in this order). */
export const SPECIAL = {
  unk: '<|endoftext|>',
  bos: '<|im_start|>',
  pad: '<|im_end|>',
  fakeImage: '<fake_token_around_image>',
  image: '<image>',
  globalImage: '<global-img>',
  eos: '<end_of_utterance>',
} as const;
export const SPECIAL_TOKENS: readonly string[] = Object.values(SPECIAL);

/** Byte-level spellings ('Ġ' is the byte-level stand-in for a leading space). */
export const COLOUR_TOKENS: Record<Colour, string> = { red: 'Ġred', green: 'Ġgreen', blue: 'Ġblue' };
/** Multi-character words that merges make single tokens: the answer words and the chat template's roles. */
export const MERGED_WORDS = ['Ġphoto', 'Ġof', 'Ġsomething', 'Ġred', 'Ġgreen', 'Ġblue', 'Ġand', 'User', 'Assistant'];

/** The answer's tokens (without the final `<end_of_utterance>`), spelling `colourListCaption(colours)`. */
export function answerTokens(colours: readonly Colour[]): string[] {
  if (colours.length === 0) return ['a', 'Ġphoto', '.'];
  const named = colours.flatMap((c, i) => [...(i > 0 ? ['Ġand'] : []), 'Ġsomething', COLOUR_TOKENS[c]]);
  return ['a', 'Ġphoto', 'Ġof', ...named, '.'];
}

/** The 8 colour subsets, indexed 4·red + 2·green + blue (the decoder computes this index from its flags). */
export function subsetColours(index: number): Colour[] {
  return COLOURS.filter((_, c) => (index >> (2 - c)) & 1);
}
export const N_SUBSETS = 8;

/** Answer steps per subset: the longest answer (12 tokens, all three colours) plus `<end_of_utterance>`. */
export const ANSWER_STEPS = answerTokens(COLOURS).length + 1;

/** Logit of the designed next token; every other token gets 0, so fp16 and q8 pick the same token. */
export const ANSWER_LOGIT = 20;

/** New tokens that always cover the answer and its end; generation_config.json sets it as max_new_tokens. */
export const MAX_NEW_TOKENS = 16;
