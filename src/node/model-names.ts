import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped bundles under public/models/, by the short names the command line accepts. */
export const SHIPPED_MODELS: Readonly<Record<string, string>> = {
  real: 'glance-real-v1',
  world: 'glance-world-v3',
};

/** The model the command-line tools use when none is named: the real-world captioner, as in the app. */
export const DEFAULT_MODEL = 'real';

/**
 * Resolves `--model`: a short name ('real', 'world'), a shipped bundle's folder name ('glance-world-v3'), a
 * folder path or a URL. Names are looked up under `modelsDir` (public/models of the repository).
 */
export function resolveModelArg(arg: string, modelsDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg)) return arg;
  const name = SHIPPED_MODELS[arg] ?? arg;
  if (/^[\w.-]+$/.test(name) && existsSync(join(modelsDir, name, 'config.json'))) return join(modelsDir, name);
  return arg;
}
