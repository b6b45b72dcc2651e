import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_ROOT } from '../hub-fixtures/design';
import { hubFixtureRepos } from './hub-repos';

describe('hubFixtureRepos', () => {
  let root: string | null = null;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = null;
  });

  it('lists ORG/NAME folders holding a config.json, sorted, with their model type', () => {
    root = mkdtempSync(join(tmpdir(), 'hub-repos-'));
    const repo = (id: string, config?: object) => {
      mkdirSync(join(root!, id), { recursive: true });
      if (config) writeFileSync(join(root!, id, 'config.json'), JSON.stringify(config));
    };
    repo('org/zeta', { model_type: 'idefics3' });
    repo('org/alpha', { model_type: 'florence2' });
    repo('org/no-config');
    repo('other/typeless', {});
    writeFileSync(join(root, 'org', 'README.md'), 'a file, not a repo');
    expect(hubFixtureRepos(root)).toEqual([
      { repoId: 'org/alpha', modelType: 'florence2' },
      { repoId: 'org/zeta', modelType: 'idefics3' },
      { repoId: 'other/typeless', modelType: 'unknown' },
    ]);
  });

  it('finds nothing under a missing root', () => {
    expect(hubFixtureRepos(join(tmpdir(), 'no-such-hub-root-for-bench'))).toEqual([]);
  });

  it('finds the committed fixtures, the first encoder-decoder among them', () => {
    const repos = hubFixtureRepos(FIXTURE_ROOT);
    expect(repos).toContainEqual({ repoId: 'glance-test/vit-gpt2-tiny', modelType: 'vision-encoder-decoder' });
  });
});
