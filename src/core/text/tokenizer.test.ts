import { describe, expect, it } from 'vitest';
import type { GlanceConfig } from '../bundle/config';
import { toyConfig } from '../testing/toy-model';
import { createTokenizer } from './tokenizer';

const WORDS = ['<pad>', '<s>', '</s>', '<unk>', '<short>', '<detailed>', '<refine>', 'a', 'red', 'star', '.', ','];

function tokenizerJson(words = WORDS): Record<string, any> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: words.slice(0, 7).map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab: Object.fromEntries(words.map((w, i) => [w, i])), unk_token: '<unk>' },
  };
}

const config: GlanceConfig = toyConfig({ vocabSize: WORDS.length });

describe('createTokenizer', () => {
  it('decodes ids per the contract, skipping special tokens (<unk> too, as the training decode)', () => {
    const tokenizer = createTokenizer(tokenizerJson(), config);
    expect(tokenizer.vocabSize).toBe(12);
    expect(tokenizer.decode([7, 8, 9, 11, 7, 3, 9, 10, 2, 0])).toBe('a red star, a star.');
    expect(tokenizer.word(9)).toBe('star');
    expect(tokenizer.isSpecial(4)).toBe(true);
    expect(tokenizer.isSpecial(3)).toBe(true);
    expect(tokenizer.isSpecial(7)).toBe(false);
  });

  it('encodes words and punctuation, unknown words to <unk>', () => {
    const tokenizer = createTokenizer(tokenizerJson(), config);
    expect(tokenizer.encode('a red star, a blue star.')).toEqual([7, 8, 9, 11, 7, 3, 9, 10]);
  });

  it('rejects a vocabulary whose size differs from the config', () => {
    expect(() => createTokenizer(tokenizerJson(WORDS.slice(0, 11)), config)).toThrow(
      'tokenizer.json: vocabulary has 11 tokens, but config.json decoder.vocab_size is 12',
    );
  });

  it('rejects other tokenizer models with a ModelFormatError', () => {
    const json = tokenizerJson();
    json.model.type = 'BPE';
    expect(() => createTokenizer(json, config)).toThrow(expect.objectContaining({ name: 'ModelFormatError' }));
    expect(() => createTokenizer({}, config)).toThrow('tokenizer.json: model is missing');
  });
});
