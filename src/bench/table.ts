/**
 * Tables for reports: GitHub-flavoured Markdown for the .md files and padded plain text for the console. Cells
 * are strings already formatted; a row shorter than the header is padded with empty cells.
 */

export type Align = 'left' | 'right';

export interface Table {
  header: readonly string[];
  rows: readonly (readonly string[])[];
  /** Per column; default left for the first column, right for the others (figures). */
  align?: readonly Align[];
}

const alignOf = (table: Table, column: number): Align => table.align?.[column] ?? (column === 0 ? 'left' : 'right');

function normalisedRows(table: Table): string[][] {
  return table.rows.map((row) => {
    if (row.length > table.header.length) {
      throw new Error(`table row has ${row.length} cells but the header ${table.header.length}`);
    }
    return table.header.map((_, i) => row[i] ?? '');
  });
}

/** A cell's text made safe inside a Markdown table: pipes escaped, line breaks folded. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

export function markdownTable(table: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const rule = table.header.map((_, i) => (alignOf(table, i) === 'right' ? '---:' : '---'));
  return [line(table.header), `| ${rule.join(' | ')} |`, ...normalisedRows(table).map(line)].join('\n');
}

/** Columns padded to their widest cell, separated by two spaces, with a dashed rule under the header. */
export function textTable(table: Table): string {
  const rows = [table.header.map(String), ...normalisedRows(table)];
  const widths = table.header.map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(widths[i] - [...text].length);
    return alignOf(table, i) === 'right' ? gap + text : text + gap;
  };
  const line = (cells: readonly string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
