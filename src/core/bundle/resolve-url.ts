import { InvalidInputError } from '../errors';

/** Where a bundle's files are fetched from: `baseUrl` always ends with '/'. */
export interface BundleLocation {
  baseUrl: string;
  /** True when the location is a Hugging Face-style repo (files under `.../resolve/<revision>/`). */
  isHub: boolean;
}

export interface ResolveOptions {
  /** Absolute URL that relative folders are resolved against (the worker passes `self.location.href`). */
  base?: string;
  /** Host of bare repo ids like `org/name`. */
  hubHost?: string;
  /** Revision of bare repo ids and repo page URLs. */
  revision?: string;
}

const HUB_HOSTS = new Set(['huggingface.co', 'hf.co', 'www.huggingface.co']);
const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/**
 * Turns what a user typed into the folder the bundle's files live in:
 * - a folder URL or path (`https://host/models/x/`, `/models/x`, `./models/x`, `models/x/`) -> itself + '/';
 * - a hub repo id (`org/name`, `hf:org/name`) or repo page (`https://huggingface.co/org/name[/tree/rev]`) ->
 *   `https://huggingface.co/org/name/resolve/<rev>/`; a URL that already has `/resolve/<rev>` keeps it.
 * A bare `a/b` without a trailing slash is read as a repo id: write `./a/b` or `a/b/` for a relative folder.
 */
export function resolveBundleUrl(spec: string, options: ResolveOptions = {}): BundleLocation {
  const input = spec.trim();
  if (input === '') throw new InvalidInputError('bundle location is empty');
  const hubHost = options.hubHost ?? 'huggingface.co';
  const revision = options.revision ?? 'main';

  const hubId = /^hf:(?:\/\/)?(.+)$/.exec(input)?.[1];
  if (hubId !== undefined) {
    if (!REPO_ID.test(hubId)) throw new InvalidInputError(`"${spec}" is not a repo id like hf:org/name`);
    return hub(`https://${hubHost}/${hubId}`, revision);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(input)) return fromAbsoluteUrl(input, revision);
  if (REPO_ID.test(input) && !input.startsWith('.')) return hub(`https://${hubHost}/${input}`, revision);

  const folder = withSlash(input);
  return { baseUrl: options.base ? new URL(folder, options.base).href : folder, isHub: false };
}

/** The URL of one file of the bundle (`path` relative, e.g. `onnx/vision_encoder.onnx`). */
export function bundleFileUrl(location: BundleLocation, path: string): string {
  return location.baseUrl + path.replace(/^\/+/, '');
}

function fromAbsoluteUrl(input: string, revision: string): BundleLocation {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidInputError(`"${input}" is not a valid URL`);
  }
  const parts = url.pathname.split('/').filter(Boolean);
  if (HUB_HOSTS.has(url.hostname) && parts.length >= 2) {
    const repo = `${url.origin}/${parts[0]}/${parts[1]}`;
    if (parts[2] === 'resolve' || parts[2] === 'tree' || parts[2] === 'blob') {
      return hub(repo, parts[3] ?? revision);
    }
    if (parts.length === 2) return hub(repo, revision);
  }
  url.search = '';
  url.hash = '';
  return { baseUrl: withSlash(url.href), isHub: /\/resolve\/[^/]+\/?$/.test(url.pathname) };
}

function hub(repoUrl: string, revision: string): BundleLocation {
  return { baseUrl: `${repoUrl}/resolve/${encodeURIComponent(revision)}/`, isHub: true };
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
