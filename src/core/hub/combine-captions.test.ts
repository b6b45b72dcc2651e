import { describe, expect, it } from 'vitest';
import { combineCaptions } from './combine-captions';

describe('combineCaptions', () => {
  it('appends what a crop names that the glance did not, without its "a photo of" opening', () => {
    expect(combineCaptions('a photo of something red.', ['a photo of something blue.'])).toEqual({
      text: 'a photo of something red. Closer: something blue.',
      kept: [true],
    });
  });

  it('drops looks that only repeat the glance or an earlier look', () => {
    const combined = combineCaptions('a man sitting at a desk with a laptop', [
      'a man sitting at a desk',
      'a laptop computer on a desk',
      'a close up of a laptop computer',
    ]);
    expect(combined.kept).toEqual([false, true, false]);
    expect(combined.text).toBe('a man sitting at a desk with a laptop. Closer: a laptop computer on a desk.');
  });

  it('keeps the coarse caption as it is when nothing is new or there was no look', () => {
    expect(combineCaptions('a cat on a sofa.', ['a photo of a cat']).text).toBe('a cat on a sofa.');
    expect(combineCaptions(' a cat ', []).text).toBe('a cat');
  });

  it('ignores empty looks and case differences', () => {
    expect(combineCaptions('A red bus.', ['', '  ', 'a RED BUS']).kept).toEqual([false, false, false]);
  });
});
