import { resolveBundleUrl } from '../core/bundle/resolve-url';

/**
 * The bundle location as the worker must receive it: a folder relative to the page (`models/x/`) resolved
 * against the page's URL, since inside the worker a relative URL would resolve against the worker script's
 * folder. Hub repo ids and absolute URLs come out absolute too. Throws InvalidInputError for an empty one.
 */
export function bundleUrlForWorker(spec: string, pageUrl: string | undefined): string {
  return resolveBundleUrl(spec, { base: pageUrl }).baseUrl;
}
