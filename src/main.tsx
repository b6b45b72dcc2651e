import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bridgeCaptionService } from './app/captioning/bridge-caption-service';
import { DEFAULT_BUNDLE_URL } from './app/config';
import { createModelSwitcher, modelChoiceStorage } from './app/settings/model-switcher';
import { installTestHook } from './app/test-hook';
import { backendPreferenceFrom } from './bridge/backend-preference';
import { CaptionerClient } from './bridge/captioner-client';
import { registerServiceWorker } from './sw/register';

// One worker for the page's life, started before React so StrictMode's double effects cannot start two.
const client = new CaptionerClient(backendPreferenceFrom(window.location.search));
// Loads the remembered model (Settings) or the default; switching later keeps the old model until the new is ready.
const runtime = createModelSwitcher(client, DEFAULT_BUNDLE_URL, modelChoiceStorage());
installTestHook(client, runtime);

registerServiceWorker(runtime.settled);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App runtime={runtime} models={runtime} service={bridgeCaptionService(client)} />
  </StrictMode>,
);
