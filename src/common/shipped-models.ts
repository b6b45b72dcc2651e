/**
 * The bundles Glance ships (public/models/<name>/, each with its model card in README.md). App and widget start with
 * the real-world captioner, which describes webcams and photos; the scene-world model is the learned second
 * look's demonstration and known-answer test bed (the demo camera's scenes). The fixture bundle
 * (public/models/fixture) stays for the runtime's own tests, in the test build only (src/testing/README.md).
 */
export const DEFAULT_BUNDLE_URL = `${import.meta.env.BASE_URL}models/glance-real-v1/`;
export const WORLD_BUNDLE_URL = `${import.meta.env.BASE_URL}models/glance-world-v3/`;

/** Short names the page's `?model=` accepts for the shipped bundles (any other value is a bundle URL). */
export const SHIPPED_MODEL_URLS: Readonly<Record<string, string>> = {
  real: DEFAULT_BUNDLE_URL,
  world: WORLD_BUNDLE_URL,
};

/** The model a `?model=` query asks for (a short name or a URL), or null when the page names none. */
export function modelFromQuery(search: string): string | null {
  const value = new URLSearchParams(search).get('model')?.trim();
  if (!value) return null;
  return SHIPPED_MODEL_URLS[value] ?? value;
}
