/**
 * Which model a live source needs: the demo camera shows scene-world images, which only the world model
 * describes, so while it runs on the app's default model the world model is used for now (never remembered);
 * any other source goes back to the default. A model the user picked in Settings is left alone.
 */
import type { ModelState } from './model-switcher';

export type SourceModelAction = { kind: 'none' } | { kind: 'load'; url: string };

export function sourceModelAction(args: {
  source: 'demo' | 'webcam' | null;
  inUse: string;
  defaultUrl: string;
  worldUrl: string;
  /** The world model was loaded by this rule (not by the user). */
  switchedForDemo: boolean;
  /** The last load this rule asked for, and for which source (absent: none yet). */
  tried?: { source: 'demo' | 'webcam' | null; url: string } | null;
  /** The URL whose load failed last, if the switcher's last load failed. */
  failedUrl?: string | null;
}): SourceModelAction {
  const { source, inUse, defaultUrl, worldUrl, switchedForDemo, tried, failedUrl } = args;
  let url: string | null = null;
  if (source === 'demo' && inUse === defaultUrl) url = worldUrl;
  else if (source !== 'demo' && switchedForDemo && inUse === worldUrl) url = defaultUrl;
  if (url === null) return { kind: 'none' };
  // A load this rule made for this same source that failed is not tried again (it would fail in a loop);
  // a change of source tries once more.
  if (failedUrl === url && tried?.source === source && tried.url === url) return { kind: 'none' };
  return { kind: 'load', url };
}

/**
 * The model the app is heading for: the one loading, else the one in use. The rule above must look at this, not at
 * the model in use: while a page opened with ?model=world (or a remembered world model) still loads, the model in
 * use reads as the default, and the demo camera would load the world model a second time.
 */
export function modelHeadingFor(state: Pick<ModelState, 'bundleUrl' | 'change'>): string {
  return state.change.state === 'loading' ? state.change.url : state.bundleUrl;
}
