import { useSyncExternalStore } from 'react';
import { ModelPicker } from './ModelPicker';
import type { ModelSwitcher } from './model-switcher';
import { OfflineStorage } from './OfflineStorage';
import '../common/common.css';
import './settings.css';

/** Settings: which model runs, and what is stored for offline use. */
export function SettingsView({ models, defaultUrl }: { models: ModelSwitcher | null; defaultUrl: string }) {
  return (
    <section aria-labelledby="view-title" className="view settings-view">
      <h2 id="view-title">Settings</h2>
      {models ? <WithModels models={models} defaultUrl={defaultUrl} /> : <OfflineStorage refreshKey="" />}
    </section>
  );
}

function WithModels({ models, defaultUrl }: { models: ModelSwitcher; defaultUrl: string }) {
  const state = useSyncExternalStore(models.subscribe, models.getModelState);
  return (
    <>
      <ModelPicker models={models} defaultUrl={defaultUrl} />
      <OfflineStorage refreshKey={`${state.bundleUrl} ${state.change.state}`} />
    </>
  );
}
