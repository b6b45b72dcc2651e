import { useSyncExternalStore } from 'react';
import type { ModelSwitcher } from './model-switcher';

const noSubscription = () => () => undefined;

/** The URL of the model in use (what the views label), or `fallback` when there is no switcher. */
export function useModelUrl(models: ModelSwitcher | null, fallback: string): string {
  return useSyncExternalStore(models?.subscribe ?? noSubscription, () => models?.getModelState().bundleUrl ?? fallback);
}
