import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bridgeCaptionService } from '../capture/bridge-caption-service';
import { currentBundleUrl, dropRetiredBundles } from '../common/retired-bundles';
import { DEFAULT_BUNDLE_URL, modelFromQuery } from '../common/shipped-models';
import type { CaptionerClient } from '../bridge/captioner-client';
import { registerServiceWorker } from '../sw/register';
import { App } from './App';
import type { SceneProbe } from './live/LiveView';
import { MODEL_CACHE } from './settings/model-cache';
import { createModelSwitcher, type ModelSwitcher, modelChoiceStorage } from './settings/model-switcher';

/**
 * Starts the app on a started worker client: loads the first model, registers the service worker, renders the
 * shell. The page entries call it: src/main.tsx, and the test build's src/testing/app-main.tsx with its hooks.
 */
export function startApp(client: CaptionerClient, { sceneProbe }: { sceneProbe?: SceneProbe } = {}): ModelSwitcher {
  // Loads the model the URL names (?model=real|world|URL), else the remembered one (Settings), else the default;
  // switching later keeps the old model until the new one is ready.
  const page = window.location.href;
  const requested = modelFromQuery(window.location.search);
  const models = createModelSwitcher(
    client,
    DEFAULT_BUNDLE_URL,
    modelChoiceStorage(),
    requested === null ? null : currentBundleUrl(requested, page),
    (url) => currentBundleUrl(url, page),
  );

  registerServiceWorker(models.settled);
  // Once the first model is in, retired bundles' files leave the cache (nothing loads them any more).
  void models.settled.then(() => dropRetiredBundlesQuietly(page));

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App client={client} models={models} service={bridgeCaptionService(client)} sceneProbe={sceneProbe} />
    </StrictMode>,
  );
  return models;
}

/** dropRetiredBundles on the worker's model cache; where the Cache API is missing or refuses, nothing happens. */
async function dropRetiredBundlesQuietly(page: string): Promise<void> {
  try {
    if (typeof caches !== 'undefined') await dropRetiredBundles(caches, MODEL_CACHE, page);
  } catch {
    // A cache we cannot prune only costs disk space.
  }
}
