import { describe, expect, it } from 'vitest';
import { markdownCell, markdownTable, textTable } from './table';

describe('markdownTable', () => {
  it('writes a header, an alignment rule (figures right) and the rows', () => {
    const md = markdownTable({
      header: ['case', 'median'],
      rows: [
        ['short', '12.0 ms'],
        ['detailed', '40.0 ms'],
      ],
    });
    expect(md.split('\n')).toEqual([
      '| case | median |',
      '| --- | ---: |',
      '| short | 12.0 ms |',
      '| detailed | 40.0 ms |',
    ]);
  });

  it('follows explicit alignment', () => {
    const md = markdownTable({ header: ['a', 'b'], rows: [], align: ['right', 'left'] });
    expect(md.split('\n')[1]).toBe('| ---: | --- |');
  });

  it('escapes pipes and folds line breaks, so a cell cannot break the table', () => {
    expect(markdownCell('a|b\nc')).toBe('a\\|b c');
    const md = markdownTable({ header: ['x'], rows: [['1|2']] });
    expect(md.split('\n')[2]).toBe('| 1\\|2 |');
  });

  it('pads short rows and refuses rows longer than the header', () => {
    expect(markdownTable({ header: ['a', 'b'], rows: [['only']] }).split('\n')[2]).toBe('| only |  |');
    expect(() => markdownTable({ header: ['a'], rows: [['1', '2']] })).toThrow(/2 cells/);
  });
});

describe('textTable', () => {
  it('pads columns to the widest cell, text left and figures right', () => {
    const text = textTable({
      header: ['case', 'ms'],
      rows: [
        ['short', '5'],
        ['detailed', '120'],
      ],
    });
    expect(text.split('\n')).toEqual(['case       ms', '--------  ---', 'short       5', 'detailed  120']);
  });
});
