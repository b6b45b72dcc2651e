/**
 * Which model a live source needs: the demo camera shows scene-world images, which only the world model
 * describes, so while it runs on the app's default model the world model is used for now (never remembered);
 * any other source goes back to the default. A model the user picked in Settings is left alone.
 */
export type SourceModelAction = { kind: 'none' } | { kind: 'load'; url: string };

export function sourceModelAction(args: {
  source: 'demo' | 'webcam' | null;
  inUse: string;
  defaultUrl: string;
  worldUrl: string;
  /** The world model was loaded by this rule (not by the user). */
  switchedForDemo: boolean;
}): SourceModelAction {
  const { source, inUse, defaultUrl, worldUrl, switchedForDemo } = args;
  if (source === 'demo' && inUse === defaultUrl) return { kind: 'load', url: worldUrl };
  if (source !== 'demo' && switchedForDemo && inUse === worldUrl) return { kind: 'load', url: defaultUrl };
  return { kind: 'none' };
}
