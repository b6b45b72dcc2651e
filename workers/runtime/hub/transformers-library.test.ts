import { describe, expect, it } from 'vitest';
import { eosIds, textOfIds, untilEos } from './transformers-library';

describe('reading what generate returned', () => {
  it('cuts a row at its first end-of-sequence id and says whether it ended there', () => {
    const eos = eosIds({ eos_token_id: [2, 6] });
    expect(untilEos([5, 9, 6, 4, 2], eos)).toEqual({ tokens: [5, 9], ended: true });
    expect(untilEos([5, 9, 4], eos)).toEqual({ tokens: [5, 9, 4], ended: false });
    expect(untilEos([2], eosIds({ eos_token_id: 2 }))).toEqual({ tokens: [], ended: true });
    expect([...eosIds({})]).toEqual([]);
    expect([...eosIds(null)]).toEqual([]);
  });

  it("decodes no ids to '' without asking the tokenizer, which refuses an empty list", () => {
    const asked: [number[], boolean][] = [];
    const tokenizer = {
      decode(ids: number[], options: { skip_special_tokens: boolean }) {
        if (ids.length === 0) throw new Error('token_ids must be a non-empty array of integers.');
        asked.push([ids, options.skip_special_tokens]);
        return ids.join(',');
      },
    };
    expect(textOfIds(tokenizer)([])).toBe('');
    expect(textOfIds(tokenizer)([3, 4])).toBe('3,4');
    expect(textOfIds(tokenizer, true)([5])).toBe('5');
    expect(asked).toEqual([
      [[3, 4], true],
      [[5], false],
    ]);
  });
});
