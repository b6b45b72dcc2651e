import { useEffect, useRef, useState } from 'react';
import { DEFAULT_BUNDLE_URL, WORLD_BUNDLE_URL } from '../../common/shipped-models';
import type { ModelSwitcher } from './model-switcher';
import { useModelHeading } from './useModelUrl';
import { sourceModelAction } from './source-model';

/**
 * Keeps the model fit for the live source (source-model.ts); back to the default when the view goes. Returns
 * true while such a switch loads, so no frame of the new source is captioned by the other model.
 */
export function useSourceModel(models: ModelSwitcher | null, source: 'demo' | 'webcam' | null): boolean {
  const inUse = useModelHeading(models, DEFAULT_BUNDLE_URL);
  const switchedForDemo = useRef(false);
  /** The last load this rule made, and for which source: a failed one is not tried again for the same source. */
  const tried = useRef<{ source: typeof source; url: string } | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  useEffect(() => {
    if (!models) return;
    // A new source may try again a load that failed for the last one.
    if (tried.current && tried.current.source !== source) tried.current = null;
    const action = sourceModelAction({
      source,
      inUse,
      defaultUrl: DEFAULT_BUNDLE_URL,
      worldUrl: WORLD_BUNDLE_URL,
      switchedForDemo: switchedForDemo.current,
      tried: tried.current,
      failedUrl: failedUrlOf(models),
    });
    if (action.kind === 'none') return;
    tried.current = { source, url: action.url };
    switchedForDemo.current = action.url === WORLD_BUNDLE_URL;
    setSwitching(action.url);
    void models.useForNow(action.url).finally(() => setSwitching((s) => (s === action.url ? null : s)));
  }, [models, source, inUse]);
  useEffect(
    () => () => {
      if (models && switchedForDemo.current) void models.useForNow(DEFAULT_BUNDLE_URL);
    },
    [models],
  );
  return switching !== null;
}

function failedUrlOf(models: ModelSwitcher): string | null {
  const { change } = models.getModelState();
  return change.state === 'failed' ? change.url : null;
}
