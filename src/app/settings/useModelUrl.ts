import { useSyncExternalStore } from 'react';
import type { ModelSwitcher } from './model-switcher';
import { modelHeadingFor } from './source-model';

const noSubscription = () => () => undefined;

/** The URL of the model in use (what the views label), or `fallback` when there is no switcher. */
export function useModelUrl(models: ModelSwitcher | null, fallback: string): string {
  return useSyncExternalStore(models?.subscribe ?? noSubscription, () => models?.getModelState().bundleUrl ?? fallback);
}

/** The URL of the model loading, else the one in use (source-model.ts), or `fallback` when there is no switcher. */
export function useModelHeading(models: ModelSwitcher | null, fallback: string): string {
  return useSyncExternalStore(models?.subscribe ?? noSubscription, () =>
    models ? modelHeadingFor(models.getModelState()) : fallback,
  );
}
