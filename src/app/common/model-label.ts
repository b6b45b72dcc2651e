/**
 * What the app says about the loaded model: a name, what it was trained on, and a link to its model card, so
 * nobody mistakes the default model for a general-purpose captioner.
 */

export interface ModelLabel {
  name: string;
  /** What it knows; shown next to the name. */
  trainedOn: string;
  /** The model card (README.md in the bundle folder), or null when the bundle has none. */
  cardUrl: string | null;
}

/** Models shipped with the app, by bundle folder name. */
const KNOWN: Record<string, { name: string; trainedOn: string; hasCard: boolean }> = {
  'glance-real-v1': {
    name: 'Glance real-world v1',
    trainedOn: 'pretrained recognisers for 80 everyday object classes, people and faces; its own caption writer',
    hasCard: true,
  },
  'glance-world-v3': {
    name: 'Glance world v3',
    trainedOn: 'trained on the Glance scene world (synthetic shapes)',
    hasCard: true,
  },
};

/** `.../ORG/NAME/resolve/REV/`: a hub repo (src/core/hub/hub-repo.ts), named by its id. */
const HUB_URL = /^(.*\/)([^/]+\/[^/]+)\/resolve\/[^/]+\/?$/;

/** The label of the bundle at `bundleUrl` (a folder URL ending in '/'). */
export function modelLabel(bundleUrl: string): ModelLabel {
  const hub = HUB_URL.exec(bundleUrl);
  if (hub) {
    const host = new URL(hub[1], 'http://localhost/').host;
    return {
      name: hub[2],
      trainedOn: `a hub model from ${host}, run by transformers.js, with Glance's second look`,
      cardUrl: `${bundleUrl.replace(/\/?$/, '/')}README.md`,
    };
  }
  const folder = bundleUrl.replace(/\/+$/, '').split('/').pop() ?? '';
  const known = KNOWN[folder];
  const base = bundleUrl.endsWith('/') ? bundleUrl : `${bundleUrl}/`;
  if (known)
    return { name: known.name, trainedOn: known.trainedOn, cardUrl: known.hasCard ? `${base}README.md` : null };
  return { name: folder || bundleUrl, trainedOn: `a custom model from ${bundleUrl}`, cardUrl: `${base}README.md` };
}
