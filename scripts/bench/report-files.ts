/** Writes a report as <out>/<date>/<name>.json and .md (reports/ is git-ignored except reports/example/). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeReport(out: string, date: string, name: string, json: unknown, markdown: string): string[] {
  const dir = join(out, date);
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, `${name}.json`), join(dir, `${name}.md`)];
  writeFileSync(files[0], JSON.stringify(json, null, 2) + '\n');
  writeFileSync(files[1], markdown);
  return files;
}
