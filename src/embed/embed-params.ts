/**
 * The widget's configuration from its URL (`embed.html?mode=demo&refine=1&style=short&model=...&theme=dark&
 * origin=https://host.example`). Every parameter is optional and validated on its own; a bad value falls back
 * to its default and is reported, so a typo never silently turns into something else.
 */
import type { EmbedMode, EmbedStyle, EmbedTheme } from '../embed-protocol/protocol';

export interface EmbedParams {
  mode: EmbedMode;
  refine: boolean;
  style: EmbedStyle;
  /** The bundle to load (a folder URL or a Hugging Face-style repo); null = the app's default model. */
  model: string | null;
  /** null = follow the user's colour scheme. */
  theme: EmbedTheme | null;
  /** The host origin allowed to talk to the widget; null = standalone (no messages in or out). */
  hostOrigin: string | null;
  /** Problems with the parameters, one sentence each (shown in the widget, sent as an error when there is a host). */
  problems: string[];
}

const MODES: readonly EmbedMode[] = ['camera', 'demo', 'image'];
const STYLES: readonly EmbedStyle[] = ['short', 'detailed'];
const THEMES: readonly EmbedTheme[] = ['light', 'dark'];
/** Longest model URL taken from the query; real ones are far shorter. */
const MAX_MODEL_LENGTH = 2048;

export function parseEmbedParams(search: string): EmbedParams {
  const query = new URLSearchParams(search);
  const problems: string[] = [];
  const pick = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}=${JSON.stringify(raw)} is not one of ${values.join(', ')}; using ${fallback}`);
    return fallback;
  };

  const mode = pick('mode', MODES, 'image');
  const style = pick('style', STYLES, 'detailed');
  const themeRaw = query.get('theme');
  const theme = themeRaw ? pick<EmbedTheme>('theme', THEMES, 'light') : null;

  let refine = true;
  const refineRaw = query.get('refine');
  if (refineRaw !== null && refineRaw !== '') {
    if (refineRaw === '1' || refineRaw === 'true') refine = true;
    else if (refineRaw === '0' || refineRaw === 'false') refine = false;
    else problems.push(`refine=${JSON.stringify(refineRaw)} is not 1 or 0; using 1`);
  }

  let model: string | null = query.get('model')?.trim() || null;
  if (model !== null && model.length > MAX_MODEL_LENGTH) {
    problems.push(`model is longer than ${MAX_MODEL_LENGTH} characters; using the default model`);
    model = null;
  }
  // A bundle lives on the web: http(s) URLs, hf: repo ids or paths. Not data:, blob:, file:, javascript: ...
  const scheme = model === null ? null : /^([a-z][a-z0-9+.-]*):/i.exec(model)?.[1]?.toLowerCase();
  if (scheme && !['http', 'https', 'hf'].includes(scheme)) {
    problems.push(`model=${JSON.stringify(model)} is not an http(s) URL, a repo id or a path; using the default model`);
    model = null;
  }

  let hostOrigin: string | null = null;
  const originRaw = query.get('origin');
  if (originRaw !== null && originRaw !== '') {
    hostOrigin = normalizeOrigin(originRaw);
    if (hostOrigin === null) {
      problems.push(`origin=${JSON.stringify(originRaw)} is not an http(s) origin like https://example.com; no host`);
    }
  }
  return { mode, refine, style, model, theme, hostOrigin, problems };
}

/**
 * `https://Example.com:443` -> `https://example.com`: the form `MessageEvent.origin` has, so an exact string
 * comparison is right. Only http and https origins: 'null' (sandboxed or file:// pages) and '*' are refused, as
 * anything with a path, query, credentials or fragment (a URL, not an origin).
 */
export function normalizeOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]+\/./i.test(raw)) return null;
  return url.origin;
}
