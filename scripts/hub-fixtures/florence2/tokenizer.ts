import { byteLevelBpe, byteSymbols, chainMerges } from '../tokenizer';
import { COLOURS } from '../design';
import { BOS, EOS, GROUND_WORD, LOC_BINS, PAD, SPECIALS, UNK, locToken, namedColourTokens } from './design';

/**
 * A BART-style byte-level BPE tokenizer, the kind Florence-2 ships (BartTokenizer): <s> <pad> </s> <unk> as ids 0-3,
 * the 256 byte symbols (so any text encodes, never <unk>), the merges that make each designed word one token, and
 * the 1000 `<loc_N>` added tokens last. Inputs get `<s> … </s>` around them (RobertaProcessing), as BART's do.
 */

/** The words of the designed answers, after a space ('Ġ' is the byte-level space). 'a' and '.' are single bytes. */
export const ANSWER_WORDS = ['Ġphoto', 'Ġof', 'Ġsomething', 'Ġand', ...COLOURS.map((c) => `Ġ${c}`)] as const;

/** Words of the designed task prompts, so those prompts encode to whole words; any other text falls back to bytes. */
const PROMPT_WORDS = [
  'Ġdoes',
  'Ġthe',
  'Ġimage',
  'Ġdescribe',
  'Ġin',
  'Ġdetail',
  'Ġwhat',
  'Ġis',
  'Ġshown',
  'Ġwith',
  'Ġa',
  'Ġparagraph',
  GROUND_WORD,
  'Ġcaption',
  ...COLOURS.flatMap(namedColourTokens),
];

/**
 * Words that start a text (no 'Ġ'). Their merges rank after every 'Ġ' merge, and they share no adjacent pair with
 * one another, so they can neither split a 'Ġ' word nor each other.
 */
const LEADING_WORDS = ['What', 'Describe', 'Locate'];

export interface Florence2Vocab {
  /** token → id, the BPE model's vocabulary (specials, bytes, merged words) */
  vocab: Map<string, number>;
  merges: [string, string][];
  /** id of `<loc_0>`; `<loc_N>` is locBase + N */
  locBase: number;
  /** every id, the added loc tokens included */
  size: number;
}

export function buildVocab(): Florence2Vocab {
  const vocab = new Map<string, number>();
  for (const s of SPECIALS) vocab.set(s, vocab.size);
  for (const s of byteSymbols()) vocab.set(s, vocab.size);
  const words = [...ANSWER_WORDS, ...PROMPT_WORDS];
  const merges = [...chainMerges(words), ...chainMerges(LEADING_WORDS)];
  for (const [a, b] of merges) if (!vocab.has(a + b)) vocab.set(a + b, vocab.size);
  for (const w of [...words, ...LEADING_WORDS]) {
    if (!vocab.has(w)) throw new Error(`word ${w} is not in the vocabulary`);
  }
  const locBase = vocab.size;
  return { vocab, merges, locBase, size: locBase + LOC_BINS };
}

/** The id of a vocabulary token or a `<loc_N>` token. */
export function tokenId(v: Florence2Vocab, token: string): number {
  const loc = /^<loc_(\d+)>$/.exec(token);
  if (loc) return v.locBase + Number(loc[1]);
  const id = v.vocab.get(token);
  if (id === undefined) throw new Error(`no token ${token}`);
  return id;
}

function addedToken(id: number, content: string, normalized: boolean): object {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized, special: true };
}

/** tokenizer.json in the layout the Rust `tokenizers` library writes for BART (Florence-2's). */
export function tokenizerJson(v: Florence2Vocab): object {
  const added = SPECIALS.map((s) => addedToken(tokenId(v, s), s, true));
  for (let bin = 0; bin < LOC_BINS; bin++) added.push(addedToken(v.locBase + bin, locToken(bin), false));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'RobertaProcessing',
      sep: [EOS, tokenId(v, EOS)],
      cls: [BOS, tokenId(v, BOS)],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: byteLevelBpe(v.vocab, v.merges),
  };
}

export function tokenizerConfigJson(v: Florence2Vocab): object {
  const decoder: Record<string, object> = {};
  for (const s of SPECIALS) {
    decoder[String(tokenId(v, s))] = {
      content: s,
      lstrip: false,
      normalized: true,
      rstrip: false,
      single_word: false,
      special: true,
    };
  }
  return {
    add_prefix_space: false,
    added_tokens_decoder: decoder,
    bos_token: BOS,
    clean_up_tokenization_spaces: true,
    cls_token: BOS,
    eos_token: EOS,
    errors: 'replace',
    model_max_length: 1024,
    pad_token: PAD,
    processor_class: 'Florence2Processor',
    sep_token: EOS,
    tokenizer_class: 'BartTokenizer',
    unk_token: UNK,
  };
}
