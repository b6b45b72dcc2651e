import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from './report-files';

describe('writeReport', () => {
  it('writes JSON and Markdown under the date, keeping an earlier run of the day under its time', () => {
    const out = mkdtempSync(join(tmpdir(), 'reports-'));
    const first = writeReport(out, '2026-11-26', 'bench', { run: 1 }, '# one\n');
    expect(first).toEqual([join(out, '2026-11-26', 'bench.json'), join(out, '2026-11-26', 'bench.md')]);
    writeReport(out, '2026-11-26', 'bench', { run: 2 }, '# two\n');
    const files = readdirSync(join(out, '2026-11-26')).sort();
    expect(files).toHaveLength(4);
    expect(files.filter((f) => /^bench-\d{6}\.(json|md)$/.test(f))).toHaveLength(2);
    expect(JSON.parse(readFileSync(first[0], 'utf8'))).toEqual({ run: 2 });
    const kept = files.find((f) => f.endsWith('.json') && f !== 'bench.json')!;
    expect(JSON.parse(readFileSync(join(out, '2026-11-26', kept), 'utf8'))).toEqual({ run: 1 });
    expect(existsSync(join(out, '2026-11-26', kept.replace('.json', '.md')))).toBe(true);
  });
});
