/**
 * The designed behaviour of the tiny `glance-test/florence2-tiny` model (Florence-2 layout, designed weights), shared
 * by the generator and its tests so the expected answers are stated once, independently of the ONNX graphs and of the
 * app code that consumes the fixture. The vision rule itself lives in ../colour-patches.ts.
 */
import { type PatchBox, PATCH, colourListCaption, colourBox, presentColours } from '../colour-patches';
import { COLOURS, type Colour, FIXTURE_ROOT, REPO_ORG } from '../design';

export const REPO_NAME = 'florence2-tiny';
export const REPO_ID = `${REPO_ORG}/${REPO_NAME}`;
export const FIXTURE_DIR = `${FIXTURE_ROOT}/${REPO_ID}`;

/** The processor resizes every image to IMAGE_SIZE² (no aspect ratio, no crop); the encoder cuts PATCH² patches. */
export const IMAGE_SIZE = 64;
export const GRID = IMAGE_SIZE / PATCH;
export const NUM_PATCHES = GRID * GRID;

/** Florence-2 quantizes coordinates into 1000 bins per side; a patch is LOC_PER_PATCH bins wide. */
export const LOC_BINS = 1000;
export const LOC_PER_PATCH = LOC_BINS / GRID;

/** Width of every embedding (image features, token embeddings, encoder states), and the decoder's cache shape. */
export const D_MODEL = 16;
export const DECODER_LAYERS = 2;
export const HEADS = 2;
export const HEAD_DIM = D_MODEL / HEADS;

/** Generation limit (generation_config.json max_length); the longest designed answer is 21 tokens with the start. */
export const MAX_LENGTH = 64;

/**
 * What each of the D_MODEL channels carries. Image features set COLOUR (one-hot, or all zero for a patch of no
 * colour), COL/ROW (the patch's grid position) and IS_PATCH; token embeddings set IS_TEXT and, for the few flagged
 * tokens, GROUND (the grounding prompt's word " phrases") or NAMED (the colour words " red", " Red" ...).
 */
export const CH = {
  colour: { red: 0, green: 1, blue: 2 } as Record<Colour, number>,
  col: 3,
  row: 4,
  isPatch: 5,
  ground: 6,
  named: { red: 7, green: 8, blue: 9 } as Record<Colour, number>,
  isText: 10,
} as const;

/** BART's special tokens and ids, as Florence-2 has them. */
export const BOS = '<s>';
export const PAD = '<pad>';
export const EOS = '</s>';
export const UNK = '<unk>';
export const SPECIALS = [BOS, PAD, EOS, UNK] as const;
export const BOS_ID = 0;
export const PAD_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;

export function locToken(bin: number): string {
  return `<loc_${bin}>`;
}

/** Florence-2's task tables (processing_florence2.py), as its preprocessor_config.json carries them. */
export const TASKS_ANSWER_POST_PROCESSING_TYPE: Record<string, string> = {
  '<OCR>': 'pure_text',
  '<OCR_WITH_REGION>': 'ocr',
  '<CAPTION>': 'pure_text',
  '<DETAILED_CAPTION>': 'pure_text',
  '<MORE_DETAILED_CAPTION>': 'pure_text',
  '<OD>': 'description_with_bboxes',
  '<DENSE_REGION_CAPTION>': 'description_with_bboxes',
  '<CAPTION_TO_PHRASE_GROUNDING>': 'phrase_grounding',
  '<REFERRING_EXPRESSION_SEGMENTATION>': 'polygons',
  '<REGION_TO_SEGMENTATION>': 'polygons',
  '<OPEN_VOCABULARY_DETECTION>': 'description_with_bboxes_or_polygons',
  '<REGION_TO_CATEGORY>': 'pure_text',
  '<REGION_TO_DESCRIPTION>': 'pure_text',
  '<REGION_TO_OCR>': 'pure_text',
  '<REGION_PROPOSAL>': 'bboxes',
};

export const TASK_PROMPTS_WITHOUT_INPUTS: Record<string, string> = {
  '<OCR>': 'What is the text in the image?',
  '<OCR_WITH_REGION>': 'What is the text in the image, with regions?',
  '<CAPTION>': 'What does the image describe?',
  '<DETAILED_CAPTION>': 'Describe in detail what is shown in the image.',
  '<MORE_DETAILED_CAPTION>': 'Describe with a paragraph what is shown in the image.',
  '<OD>': 'Locate the objects with category name in the image.',
  '<DENSE_REGION_CAPTION>': 'Locate the objects in the image, with their descriptions.',
  '<REGION_PROPOSAL>': 'Locate the region proposals in the image.',
};

export const TASK_PROMPTS_WITH_INPUT: Record<string, string> = {
  '<CAPTION_TO_PHRASE_GROUNDING>': 'Locate the phrases in the caption: {input}',
  '<REFERRING_EXPRESSION_SEGMENTATION>': 'Locate {input} in the image with mask',
  '<REGION_TO_SEGMENTATION>': 'What is the polygon mask of region {input}',
  '<OPEN_VOCABULARY_DETECTION>': 'Locate {input} in the image.',
  '<REGION_TO_CATEGORY>': 'What is the region {input}?',
  '<REGION_TO_DESCRIPTION>': 'What does the region {input} describe?',
  '<REGION_TO_OCR>': 'What text is in the region {input}?',
};

/** The tasks the model is designed for; every other prompt is answered like a caption. */
export const CAPTION_TASKS = ['<CAPTION>', '<DETAILED_CAPTION>', '<MORE_DETAILED_CAPTION>'] as const;
export const GROUNDING_TASK = '<CAPTION_TO_PHRASE_GROUNDING>';

/** The prompt word whose token flags the grounding task (it occurs in no other task prompt). */
export const GROUND_WORD = 'Ġphrases';

/** The colour-word tokens that flag a colour as named: the word after a space, lower case or capitalised. */
export function namedColourTokens(colour: Colour): string[] {
  return [`Ġ${colour}`, `Ġ${colour[0].toUpperCase()}${colour.slice(1)}`];
}

/**
 * The colours the grounding input names, in the fixed order: those whose word (lower case or capitalised) starts
 * right after a space, or at the start of the input (the prompt puts ': ' before it). That is when the byte-level
 * pre-tokenizer yields a piece starting with 'Ġred' ..., which the merges make the flagged token; a longer word that
 * starts with it ('reddish') names it too.
 */
export function namedColours(text: string): Colour[] {
  const spaced = ` ${text}`;
  return COLOURS.filter((c) => namedColourTokens(c).some((t) => spaced.includes(` ${t.slice(1)}`)));
}

/** Caption tasks: exactly the shared colour-list caption of the patches' colours. */
export function expectedCaption(patches: readonly (Colour | null)[]): string {
  return colourListCaption(presentColours(patches));
}

/** A patch box in Florence-2's loc bins: [x1, y1, x2, y2], inclusive bins over the 64-pixel square. */
export function locBox(box: PatchBox): [number, number, number, number] {
  return [
    box.col0 * LOC_PER_PATCH,
    box.row0 * LOC_PER_PATCH,
    (box.col1 + 1) * LOC_PER_PATCH - 1,
    (box.row1 + 1) * LOC_PER_PATCH - 1,
  ];
}

export interface Phrase {
  label: string;
  loc: [number, number, number, number];
}

/** Grounding: one phrase per colour both named in `text` and present in the image, in the order red, green, blue. */
export function expectedPhrases(patches: readonly (Colour | null)[], text: string): Phrase[] {
  const named = namedColours(text);
  return presentColours(patches)
    .filter((c) => named.includes(c))
    .map((c) => ({ label: `something ${c}`, loc: locBox(colourBox(patches, c) as PatchBox) }));
}

/** The decoded text (skip_special_tokens: false) of a caption: `</s><s>a photo of something red.</s>`. */
export function expectedCaptionText(patches: readonly (Colour | null)[]): string {
  return `${EOS}${BOS}${expectedCaption(patches)}${EOS}`;
}

/** The decoded text of a grounding: `</s><s> something red<loc_0><loc_0><loc_499><loc_999></s>`. */
export function expectedGroundingText(phrases: readonly Phrase[]): string {
  return `${EOS}${BOS}${phrases.map((p) => ` ${p.label}${p.loc.map(locToken).join('')}`).join('')}${EOS}`;
}

/** transformers.js's Florence2Processor maps a bin to pixels at the bin's centre: (bin + 0.5) / 1000 · size. */
export function binsToPixels(loc: readonly number[], width: number, height: number): number[] {
  return loc.map((bin, i) => ((bin + 0.5) / LOC_BINS) * (i % 2 === 0 ? width : height));
}
