import { byteLevelBpe, byteSymbols, chainMerges } from '../tokenizer';
import { MERGED_WORDS, SPECIAL, SPECIAL_TOKENS } from './design';

/**
 * A SmolVLM-like byte-level BPE tokenizer (GPT2Tokenizer class, as SmolVLM's): SmolVLM's special tokens first, then
 * the 256 byte symbols (any text still encodes), then the merges that make each designed word one token.
 */

/** The chat template of HuggingFaceTB/SmolVLM-256M-Instruct (images as `<image>`, then `Assistant:`). */
export const CHAT_TEMPLATE =
  "<|im_start|>{% for message in messages %}{{message['role'] | capitalize}}" +
  "{% if message['content'][0]['type'] == 'image' %}{{':'}}{% else %}{{': '}}{% endif %}" +
  "{% for line in message['content'] %}{% if line['type'] == 'text' %}{{line['text']}}" +
  "{% elif line['type'] == 'image' %}{{ '<image>' }}{% endif %}{% endfor %}<end_of_utterance>\n" +
  "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}";

export const MODEL_MAX_LENGTH = 2048;

export interface SmolVocab {
  /** token → id */
  vocab: Map<string, number>;
  merges: [string, string][];
}

export function buildSmolVocab(): SmolVocab {
  const vocab = new Map<string, number>();
  for (const s of SPECIAL_TOKENS) vocab.set(s, vocab.size);
  for (const s of byteSymbols()) vocab.set(s, vocab.size);
  // Every merge's left side is a prefix of a word starting with 'Ġ', 'U' or 'A': it can only fire at a word's start.
  const merges = chainMerges(MERGED_WORDS);
  for (const [a, b] of merges) if (!vocab.has(a + b)) vocab.set(a + b, vocab.size);
  for (const w of MERGED_WORDS) if (!vocab.has(w)) throw new Error(`word ${w} is not produced by a merge`);
  return { vocab, merges };
}

export function tokenId(v: SmolVocab, token: string): number {
  const id = v.vocab.get(token);
  if (id === undefined) throw new Error(`no token ${token}`);
  return id;
}

function addedToken(content: string) {
  return { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
}

/** tokenizer.json in the layout the Rust `tokenizers` library writes for a byte-level BPE (SmolLM2's kind). */
export function tokenizerJson(v: SmolVocab): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({ id: tokenId(v, t), ...addedToken(t) })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: byteLevelBpe(v.vocab, v.merges),
  };
}

/** tokenizer_config.json: special tokens as SmolVLM names them, and the chat template (read by transformers.js). */
export function tokenizerConfigJson(v: SmolVocab): object {
  return {
    add_bos_token: false,
    add_prefix_space: false,
    added_tokens_decoder: Object.fromEntries(SPECIAL_TOKENS.map((t) => [String(tokenId(v, t)), addedToken(t)])),
    additional_special_tokens: [SPECIAL.fakeImage, SPECIAL.image, SPECIAL.globalImage, SPECIAL.eos],
    bos_token: SPECIAL.bos,
    chat_template: CHAT_TEMPLATE,
    clean_up_tokenization_spaces: false,
    eos_token: SPECIAL.eos,
    legacy: false,
    model_max_length: MODEL_MAX_LENGTH,
    pad_token: SPECIAL.pad,
    processor_class: 'Idefics3Processor',
    tokenizer_class: 'GPT2Tokenizer',
    unk_token: SPECIAL.unk,
    vocab_size: v.vocab.size,
  };
}
