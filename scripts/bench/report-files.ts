/**
 * Writes a report as <out>/<date>/<name>.json and .md (reports/ is git-ignored except reports/example/). An
 * earlier run of the same day is kept, renamed after the time it was written (bench-143012.json), since on a
 * shared machine one run is rarely the whole story.
 */
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function timeOfDay(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
}

export function writeReport(out: string, date: string, name: string, json: unknown, markdown: string): string[] {
  const dir = join(out, date);
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, `${name}.json`), join(dir, `${name}.md`)];
  if (existsSync(files[0])) {
    const suffix = timeOfDay(statSync(files[0]).mtime);
    for (const ext of ['json', 'md']) {
      const file = join(dir, `${name}.${ext}`);
      if (existsSync(file)) renameSync(file, join(dir, `${name}-${suffix}.${ext}`));
    }
  }
  writeFileSync(files[0], JSON.stringify(json, null, 2) + '\n');
  writeFileSync(files[1], markdown);
  return files;
}
