/**
 * Writes the fixture bundle (public/models/fixture/) from scripts/fixture/. Run: `npm run make:fixture`.
 * The output is deterministic and committed; a unit test fails when it is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureBundleFiles } from './fixture/fixture-models';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models', 'fixture');
for (const [path, content] of Object.entries(fixtureBundleFiles())) {
  const target = join(outDir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${target} (${content.length} ${typeof content === 'string' ? 'chars' : 'bytes'})`);
}
