import type { BundleLocation } from '../bundle/resolve-url';

/** A hub repository as transformers.js addresses it: `{host}{id}/resolve/{revision}/{file}`. */
export interface HubRepo {
  /** The hub's base URL, ending with '/' (https://huggingface.co/, or a mirror). */
  host: string;
  /** `org/name`. */
  id: string;
  revision: string;
}

const RESOLVE_PATH = /^(.*\/)([^/]+\/[^/]+)\/resolve\/([^/]+)\/$/;

/**
 * The repo behind a bundle location in the hub's URL layout (resolve-url.ts makes one from `org/name`, a repo
 * page, or any URL ending in `/ORG/NAME/resolve/REV/`, such as a mirror or the tests' local hub), or null.
 */
export function hubRepoOf(location: BundleLocation): HubRepo | null {
  if (!location.isHub) return null;
  const match = RESOLVE_PATH.exec(location.baseUrl);
  if (!match) return null;
  return { host: match[1], id: match[2], revision: decodeURIComponent(match[3]) };
}
