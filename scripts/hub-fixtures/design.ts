/**
 * The designed behaviour of the tiny `glance-test/vit-gpt2-tiny` model, shared by the generator and its tests so
 * that the expected captions are stated once, independently of the app code that consumes the fixture.
 */

export const REPO_ORG = 'glance-test';
export const REPO_NAME = 'vit-gpt2-tiny';
export const REPO_ID = `${REPO_ORG}/${REPO_NAME}`;

/** Where the committed fixture lives, relative to the repository root (the hub layout ORG/NAME/FILE). */
export const FIXTURE_ROOT = 'e2e/fixtures/hub';
export const FIXTURE_DIR = `${FIXTURE_ROOT}/${REPO_ID}`;

/** The processor resizes every image to IMAGE_SIZE² and the encoder cuts it into PATCH_SIZE² patches. */
export const IMAGE_SIZE = 32;
export const PATCH_SIZE = 16;
export const PATCHES_PER_SIDE = IMAGE_SIZE / PATCH_SIZE;
export const NUM_PATCHES = PATCHES_PER_SIDE * PATCHES_PER_SIDE;
/** One CLS-like token (the mean of the patches) before the patches, as ViT's last_hidden_state has. */
export const ENCODER_SEQ = 1 + NUM_PATCHES;

/**
 * GPT-2 decoder sizes. Cross-attention in GPT-2 reads encoder states of width n_embd, so the encoder's hidden size is
 * the same. Two layers and two heads keep the cache plumbing honest (more than one name, more than one head).
 */
export const N_EMBD = 8;
export const N_LAYER = 2;
export const N_HEAD = 2;
export const HEAD_DIM = N_EMBD / N_HEAD;

export const MAX_LENGTH = 16;

/** The special token: start of decoding, end of text, padding and unknown, as in GPT-2. */
export const EOT = '<|endoftext|>';

/** Byte-level spellings ('Ġ' is the byte-level stand-in for a leading space). */
export const WORD_TOKENS = ['a', 'Ġphoto', 'Ġof', 'Ġsomething', 'Ġred', 'Ġgreen', 'Ġblue', '.'] as const;
export type WordToken = (typeof WORD_TOKENS)[number];

export const COLOURS = ['red', 'green', 'blue'] as const;
export type Colour = (typeof COLOURS)[number];
export const COLOUR_TOKENS: Record<Colour, WordToken> = { red: 'Ġred', green: 'Ġgreen', blue: 'Ġblue' };

/** The caption for an image whose channel means make `colour` the winner. */
export function expectedCaption(colour: Colour): string {
  return `a photo of something ${colour}.`;
}

/**
 * Logit margins. A chain step puts CHAIN_LOGIT on the next token and 0 elsewhere; the colour step puts
 * -CHAIN_LOGIT on every non-colour token and COLOUR_GAIN·(2·mean_c − mean_other1 − mean_other2) on each colour c,
 * whose argmax is the channel with the largest mean (features are normalized to [-1, 1]).
 */
export const CHAIN_LOGIT = 20;
export const COLOUR_GAIN = 8;

/** The colour the model is designed to name for RGB channel means (any scale): the largest mean wins. */
export function designedColour(means: readonly [number, number, number]): Colour {
  let best = 0;
  for (let c = 1; c < 3; c++) if (means[c] > means[best]) best = c;
  return COLOURS[best];
}
