import { Tokenizer } from '@huggingface/tokenizers';
import type { GlanceConfig } from '../bundle/config';
import { JsonReader } from '../bundle/json-reader';
import { ModelFormatError } from '../errors';
import { joinTokens } from './detokenize';

/** The word-level caption vocabulary of a bundle: ids <-> words and the contract's detokenisation. */
export interface CaptionTokenizer {
  readonly vocabSize: number;
  /** The word of an id, or undefined outside the vocabulary. */
  word(id: number): string | undefined;
  /** True for ids left out of caption text: config.json's token ids (unk included) and added special tokens. */
  isSpecial(id: number): boolean;
  /** Words of a text to ids (unknown words become `<unk>`), without special tokens added. */
  encode(text: string): number[];
  /** Ids to caption text, skipping special ids (as training/tokenizer.py decode does). */
  decode(ids: readonly number[]): string;
}

/**
 * Wraps a parsed tokenizer.json (a `WordLevel` model) with @huggingface/tokenizers for the vocabulary and
 * pre-tokenisation, and checks it against config.json: the vocabulary size must equal decoder.vocab_size.
 */
export function createTokenizer(tokenizerJson: unknown, config: GlanceConfig): CaptionTokenizer {
  const r = new JsonReader('tokenizer.json', tokenizerJson);
  const type = r.string('model.type');
  if (type !== 'WordLevel') r.fail('model.type', `must be "WordLevel", got "${type}"`);
  const unkToken = r.has('model.unk_token') ? r.string('model.unk_token') : undefined;

  let tokenizer: Tokenizer;
  try {
    // The WordLevel model of this library maps unknown words to the config's unk_token, not the model's.
    tokenizer = new Tokenizer(tokenizerJson as object, { unk_token: unkToken });
  } catch (error) {
    throw new ModelFormatError(`tokenizer.json: cannot be read (${(error as Error).message})`);
  }
  const vocab = tokenizer.get_vocab(true);
  const vocabSize = vocab.size;
  if (vocabSize !== config.decoder.vocab_size) {
    throw new ModelFormatError(
      `tokenizer.json: vocabulary has ${vocabSize} tokens, but config.json decoder.vocab_size is ${config.decoder.vocab_size}`,
    );
  }
  const words: (string | undefined)[] = new Array(vocabSize);
  for (const [word, id] of vocab) {
    if (id < 0 || id >= vocabSize || words[id] !== undefined) {
      throw new ModelFormatError(`tokenizer.json: ids are not 0..${vocabSize - 1}, each once (at "${word}" -> ${id})`);
    }
    words[id] = word;
  }

  const special = new Set<number>();
  for (const [id, token] of tokenizer.get_added_tokens_decoder()) if (token.special) special.add(id);
  const t = config.tokens;
  for (const id of [t.pad, t.bos, t.eos, t.unk, t.short, t.detailed, t.refine]) special.add(id);
  const unkId = unkToken !== undefined ? vocab.get(unkToken) : t.unk;

  return {
    vocabSize,
    word: (id) => words[id],
    isSpecial: (id) => special.has(id),
    encode(text) {
      return tokenizer.tokenize(text, { add_special_tokens: false }).map((word) => vocab.get(word) ?? unkId ?? t.unk);
    },
    decode(ids) {
      return joinTokens(ids.filter((id) => !special.has(id)).map((id) => words[id] ?? '<unk>'));
    },
  };
}
