import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bridgeCaptionService } from './capture/bridge-caption-service';
import { DEFAULT_BUNDLE_URL, modelFromQuery } from './common/shipped-models';
import { createModelSwitcher, modelChoiceStorage } from './app/settings/model-switcher';
import { installTestHook } from './app/test-hook';
import { backendPreferenceFrom } from './bridge/backend-preference';
import { CaptionerClient } from './bridge/captioner-client';
import { registerServiceWorker } from './sw/register';

// One worker for the page's life, started before React so StrictMode's double effects cannot start two.
const client = new CaptionerClient(backendPreferenceFrom(window.location.search));
// Loads the model the URL names (?model=real|world|URL), else the remembered one (Settings), else the default;
// switching later keeps the old model until the new one is ready.
const runtime = createModelSwitcher(
  client,
  DEFAULT_BUNDLE_URL,
  modelChoiceStorage(),
  undefined,
  modelFromQuery(window.location.search),
);
installTestHook(client, runtime);

registerServiceWorker(runtime.settled);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App runtime={runtime} models={runtime} service={bridgeCaptionService(client)} />
  </StrictMode>,
);
