/**
 * Writes the tiny designed hub models to e2e/fixtures/hub/glance-test/ (npm run hub:fixtures): vit-gpt2-tiny,
 * florence2-tiny and smolvlm-tiny. Each repo's directory is replaced, so a file the generator no longer writes
 * does not linger.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_DIR } from './design';
import { hubFixtureFiles } from './fixture-files';
import { FIXTURE_DIR as FLORENCE2_DIR } from './florence2/design';
import { florence2FixtureFiles } from './florence2/florence2-files';
import { FIXTURE_DIR as SMOLVLM_DIR } from './smolvlm/design';
import { smolvlmFixtureFiles } from './smolvlm/smolvlm-files';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const REPOS: [string, () => Promise<Map<string, Uint8Array>>][] = [
  [FIXTURE_DIR, hubFixtureFiles],
  [FLORENCE2_DIR, florence2FixtureFiles],
  [SMOLVLM_DIR, smolvlmFixtureFiles],
];

for (const [dir, files] of REPOS) {
  const outDir = join(repoRoot, dir);
  rmSync(outDir, { recursive: true, force: true });
  let total = 0;
  for (const [path, bytes] of await files()) {
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    total += bytes.length;
    console.log(`${dir}/${path}  ${bytes.length} B`);
  }
  console.log(`${dir}  ${total} B in all`);
}
