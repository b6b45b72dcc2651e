import { describe, expect, it } from 'vitest';
import { joinTokens, tokenDelta } from './detokenize';

describe('joinTokens', () => {
  it('joins words with single spaces and attaches , : .', () => {
    expect(joinTokens(['two', 'objects', ':', 'a', 'small', 'blue', 'heart', ',', 'and', 'a', 'star', '.'])).toBe(
      'two objects: a small blue heart, and a star.',
    );
  });

  it('handles empty and punctuation-only input', () => {
    expect(joinTokens([])).toBe('');
    expect(joinTokens(['.'])).toBe('.');
  });
});

describe('tokenDelta', () => {
  it('gives streaming pieces whose concatenation is the joined text', () => {
    const tokens = ['a', 'large', 'red', 'star', ',', 'a', 'dot', '.'];
    let text = '';
    const pieces = tokens.map((token) => {
      const piece = tokenDelta(text, token);
      text += piece;
      return piece;
    });
    expect(pieces).toEqual(['a', ' large', ' red', ' star', ',', ' a', ' dot', '.']);
    expect(text).toBe(joinTokens(tokens));
  });
});
