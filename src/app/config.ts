/**
 * The bundle the app loads at start: the trained world captioner (public/models/glance-world-v1, its model card
 * in README.md there). The fixture bundle (public/models/fixture) stays for the runtime's own tests.
 */
export const DEFAULT_BUNDLE_URL = `${import.meta.env.BASE_URL}models/glance-world-v1/`;
