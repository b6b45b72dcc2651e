import { describe, expect, it } from 'vitest';
import { cocoTokenize, ptbTokens } from './ptb-tokenize';

describe('cocoTokenize', () => {
  it('lowercases and drops the punctuation tokens the COCO toolkit removes', () => {
    expect(cocoTokenize('A Large RED star, on the left.')).toEqual(['a', 'large', 'red', 'star', 'on', 'the', 'left']);
    expect(cocoTokenize('one object: a star; ok?! - -- ... `x`')).toEqual(['one', 'object', 'a', 'star', 'ok', 'x']);
  });

  it('splits contractions and possessives as PTB does', () => {
    expect(cocoTokenize("Don't touch the dog's toy")).toEqual(['do', "n't", 'touch', 'the', 'dog', "'s", 'toy']);
    expect(cocoTokenize("it's what we'll do, I'm sure they've")).toEqual([
      'it',
      "'s",
      'what',
      'we',
      "'ll",
      'do',
      'i',
      "'m",
      'sure',
      'they',
      "'ve",
    ]);
    expect(cocoTokenize('I cannot')).toEqual(['i', 'can', 'not']);
    // The plural possessive's apostrophe is a token of its own, then removed.
    expect(cocoTokenize("the dogs' bowls")).toEqual(['the', 'dogs', 'bowls']);
  });

  it('removes double and single quotes, typographic ones included', () => {
    expect(ptbTokens('he said "hi" to \'them\'')).toEqual(['he', 'said', '``', 'hi', "''", 'to', '`', 'them', "'"]);
    const typographic = 'he said \u201chi\u201d \u2014 it\u2019s late\u2026';
    expect(cocoTokenize(typographic)).toEqual(['he', 'said', 'hi', 'it', "'s", 'late']);
  });

  it('keeps brackets as -lrb- style words, because the toolkit lowercases before its (upper-case) filter', () => {
    expect(ptbTokens('(a) [b] {c}')).toEqual(['-lrb-', 'a', '-rrb-', '-lsb-', 'b', '-rsb-', '-lcb-', 'c', '-rcb-']);
    expect(cocoTokenize('a star (red)')).toEqual(['a', 'star', '-lrb-', 'red', '-rrb-']);
  });

  it('keeps hyphenated words, numbers, acronyms and known abbreviations whole', () => {
    expect(cocoTokenize('A black-and-white photo of 1,000 birds at 12:30, 3.5 ft. tall, in the U.S.')).toEqual([
      'a',
      'black-and-white',
      'photo',
      'of',
      '1,000',
      'birds',
      'at',
      '12:30',
      '3.5',
      'ft.',
      'tall',
      'in',
      'the',
      'u.s.',
    ]);
    // A comma between words (not digits) is split off and removed.
    expect(cocoTokenize('red,blue')).toEqual(['red', 'blue']);
  });

  it('keeps symbols that are not on the removal list', () => {
    expect(cocoTokenize('cats & dogs: 50% off $5')).toEqual(['cats', '&', 'dogs', '50', '%', 'off', '$', '5']);
  });

  it('treats newlines as spaces and gives no tokens for an empty or punctuation-only caption', () => {
    expect(cocoTokenize('a red\nstar')).toEqual(['a', 'red', 'star']);
    expect(cocoTokenize('')).toEqual([]);
    expect(cocoTokenize(' . , ')).toEqual([]);
  });

  it('tokenises the scene-world grammar into its words', () => {
    expect(
      cocoTokenize('two objects: a small blue striped heart in the top left and a medium white circle at the bottom.'),
    ).toEqual(
      'two objects a small blue striped heart in the top left and a medium white circle at the bottom'.split(' '),
    );
  });
});
