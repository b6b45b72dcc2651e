/**
 * The hub fixtures the bench times: every ORG/NAME folder under the fixture root (scripts/hub-fixtures, the hub's
 * file layout) that holds a config.json, so a family whose fixture is added there is timed without a change here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HubFixtureRepo {
  /** ORG/NAME. */
  repoId: string;
  /** config.json's model_type ('unknown' when it has none). */
  modelType: string;
}

const folders = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

export function hubFixtureRepos(root: string): HubFixtureRepo[] {
  return folders(root).flatMap((org) =>
    folders(join(root, org)).flatMap((name) => {
      const config = join(root, org, name, 'config.json');
      if (!existsSync(config)) return [];
      const parsed = JSON.parse(readFileSync(config, 'utf8')) as { model_type?: unknown };
      const modelType = typeof parsed.model_type === 'string' ? parsed.model_type : 'unknown';
      return [{ repoId: `${org}/${name}`, modelType }];
    }),
  );
}
