/**
 * Writes the tiny designed captioning model to e2e/fixtures/hub/glance-test/vit-gpt2-tiny/ (npm run hub:fixtures).
 * The directory is replaced, so a file the generator no longer writes does not linger.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_DIR } from './design';
import { hubFixtureFiles } from './fixture-files';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repoRoot, FIXTURE_DIR);

rmSync(outDir, { recursive: true, force: true });
for (const [path, bytes] of await hubFixtureFiles()) {
  const target = join(outDir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  console.log(`${FIXTURE_DIR}/${path}  ${bytes.length} B`);
}
