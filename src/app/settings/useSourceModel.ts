import { useEffect, useRef, useState } from 'react';
import { DEFAULT_BUNDLE_URL, WORLD_BUNDLE_URL } from '../../common/shipped-models';
import type { ModelSwitcher } from './model-switcher';
import { useModelUrl } from './useModelUrl';
import { sourceModelAction } from './source-model';

/**
 * Keeps the model fit for the live source (source-model.ts); back to the default when the view goes. Returns
 * true while such a switch loads, so no frame of the new source is captioned by the other model.
 */
export function useSourceModel(models: ModelSwitcher | null, source: 'demo' | 'webcam' | null): boolean {
  const inUse = useModelUrl(models, DEFAULT_BUNDLE_URL);
  const switchedForDemo = useRef(false);
  const [switching, setSwitching] = useState<string | null>(null);
  useEffect(() => {
    if (!models) return;
    const action = sourceModelAction({
      source,
      inUse,
      defaultUrl: DEFAULT_BUNDLE_URL,
      worldUrl: WORLD_BUNDLE_URL,
      switchedForDemo: switchedForDemo.current,
    });
    if (action.kind === 'none') return;
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
