/**
 * The bundle the app loads at start. Until the trained captioner ships, it is the fixture bundle
 * (scripts/fixture), which proves the worker runtime and sets the backend badge.
 */
export const DEFAULT_BUNDLE_URL = `${import.meta.env.BASE_URL}models/fixture/`;
