import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import type { GlanceConfig } from '../core/bundle/config';
import { createTokenizer } from '../core/text/tokenizer';
import { caption, type CaptionStyle } from './captions';
import { sceneSeed } from './random';
import { sampleScene } from './scene';
import { SPLIT_SEEDS } from './splits';

// The shipped world bundle's tokenizer files (written by training/tokenizer.py) decode to the caption text in a
// standard library, not only in Glance's own detokeniser: @huggingface/tokenizers is also what transformers.js
// 4 decodes with. Without tokenizer.json's decoder it wrote "two objects : a ..." (issue 19, item 4).
const BUNDLE = join(__dirname, '..', '..', 'public', 'models', 'glance-world-v1');
const readJson = (name: string): Record<string, any> => JSON.parse(readFileSync(join(BUNDLE, name), 'utf8'));
const tokenizerJson = readJson('tokenizer.json');
const tokenizerConfig = readJson('tokenizer_config.json');
const config = readJson('config.json') as GlanceConfig;

const STYLES: readonly CaptionStyle[] = ['detailed', 'short'];
const captions = Array.from({ length: 200 }, (_, i) => sampleScene(sceneSeed(SPLIT_SEEDS.test, i))).flatMap((scene) =>
  STYLES.map((style) => caption(scene.objects, style)),
);

describe('glance-world-v1 tokenizer files in @huggingface/tokenizers', () => {
  const hf = new Tokenizer(tokenizerJson, tokenizerConfig);
  const app = createTokenizer(tokenizerJson, config);

  it('decodes the ids of every caption to exactly its text, as the app does', () => {
    expect(captions.some((c) => c.includes(': ') && c.includes(', '))).toBe(true);
    for (const text of captions) {
      const ids = hf.encode(text, { add_special_tokens: false }).ids;
      expect(ids).toEqual(app.encode(text));
      expect(ids).not.toContain(config.tokens.unk);
      expect(hf.decode(ids, { skip_special_tokens: true })).toBe(text);
      expect(app.decode(ids)).toBe(text);
    }
  });

  it('skips the task, end and padding tokens a generated sequence carries', () => {
    const text = captions[0];
    const t = config.tokens;
    const ids = [t.detailed, ...app.encode(text), t.eos, t.pad, t.pad];
    expect(hf.decode(ids, { skip_special_tokens: true })).toBe(text);
    expect(app.decode(ids)).toBe(text);
  });

  it('keeps the vocabulary the model was trained with (ids unchanged)', () => {
    const vocab = tokenizerJson.model.vocab as Record<string, number>;
    expect(Object.keys(vocab)).toHaveLength(config.decoder.vocab_size);
    expect([vocab['<pad>'], vocab['</s>'], vocab[','], vocab['.'], vocab[':'], vocab.yellow]).toEqual([
      0, 2, 7, 8, 9, 53,
    ]);
    expect(tokenizerConfig.clean_up_tokenization_spaces).toBe(false);
  });
});
