import { EOT, MAX_LENGTH, WORD_TOKENS } from './design';

/**
 * A GPT-2 style byte-level BPE tokenizer (tokenizer.json + tokenizer_config.json) whose vocabulary is the 256 byte
 * symbols, the merges that spell the caption words, and <|endoftext|> last, as in GPT-2 (id 50256 there).
 */

/**
 * GPT-2's bytes_to_unicode table: printable Latin-1 bytes map to themselves and the rest to U+0100 onwards, so a
 * space is 'Ġ'. The array order is GPT-2's vocabulary order for the first 256 ids.
 */
export function byteSymbols(): string[] {
  const printable: number[] = [];
  const ranges: [number, number][] = [
    [0x21, 0x7e],
    [0xa1, 0xac],
    [0xae, 0xff],
  ];
  for (const [lo, hi] of ranges) for (let b = lo; b <= hi; b++) printable.push(b);
  const symbols = printable.map((b) => String.fromCharCode(b));
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!printable.includes(b)) symbols.push(String.fromCharCode(256 + extra++));
  }
  return symbols;
}

/**
 * Left-to-right merges ('Ġ p' → 'Ġp', 'Ġp h' → 'Ġph' ...) for each word, in the order given, shared prefixes once.
 * Each fixture picks words whose merges cannot split another word (every one starts from a word's first symbol).
 */
export function chainMerges(words: readonly string[]): [string, string][] {
  const merges: [string, string][] = [];
  const seen = new Set<string>();
  for (const word of words) {
    const chars = Array.from(word);
    let left = chars[0];
    for (const right of chars.slice(1)) {
      const key = `${left} ${right}`;
      if (!seen.has(key)) {
        seen.add(key);
        merges.push([left, right]);
      }
      left += right;
    }
  }
  return merges;
}

/** The vit-gpt2 fixture's merges: every word starts with 'Ġ', so no merge of one word can split another. */
export function wordMerges(): [string, string][] {
  return chainMerges(WORD_TOKENS);
}

export interface TinyVocab {
  /** token → id */
  vocab: Map<string, number>;
  merges: [string, string][];
  eotId: number;
}

export function buildVocab(): TinyVocab {
  const vocab = new Map<string, number>();
  for (const s of byteSymbols()) vocab.set(s, vocab.size);
  const merges = wordMerges();
  for (const [a, b] of merges) if (!vocab.has(a + b)) vocab.set(a + b, vocab.size);
  for (const w of WORD_TOKENS) {
    if (!vocab.has(w)) throw new Error(`word ${w} is neither a byte symbol nor produced by a merge`);
  }
  const eotId = vocab.size;
  vocab.set(EOT, eotId);
  return { vocab, merges, eotId };
}

/** tokenizer.json in the layout the Rust `tokenizers` library writes for GPT-2. */
export function tokenizerJson(v: TinyVocab): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: v.eotId,
        content: EOT,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: true,
        special: true,
      },
    ],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: byteLevelBpe(v.vocab, v.merges),
  };
}

export function tokenizerConfigJson(v: TinyVocab): object {
  const special = { content: EOT, lstrip: false, normalized: true, rstrip: false, single_word: false, special: true };
  return {
    add_bos_token: false,
    add_prefix_space: false,
    added_tokens_decoder: { [String(v.eotId)]: special },
    bos_token: EOT,
    clean_up_tokenization_spaces: true,
    eos_token: EOT,
    errors: 'replace',
    model_max_length: MAX_LENGTH,
    pad_token: EOT,
    tokenizer_class: 'GPT2Tokenizer',
    unk_token: EOT,
  };
}

/** The BPE model section of a byte-level tokenizer.json (GPT-2's, BART's and SmolLM's have this shape). */
export function byteLevelBpe(vocab: ReadonlyMap<string, number>, merges: readonly [string, string][]) {
  return {
    type: 'BPE',
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: '',
    end_of_word_suffix: '',
    fuse_unk: false,
    byte_fallback: false,
    vocab: Object.fromEntries(vocab),
    // The "a b" string form is the one every tokenizers version (and transformers.js) reads.
    merges: merges.map(([a, b]) => `${a} ${b}`),
  };
}
