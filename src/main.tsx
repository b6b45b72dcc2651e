import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bridgeCaptionService } from './app/captioning/bridge-caption-service';
import { DEFAULT_BUNDLE_URL } from './app/config';
import { loadRuntime } from './app/runtime-status';
import { installTestHook } from './app/test-hook';
import { backendPreferenceFrom } from './bridge/backend-preference';
import { CaptionerClient } from './bridge/captioner-client';

// One worker for the page's life, started before React so StrictMode's double effects cannot start two.
const client = new CaptionerClient(backendPreferenceFrom(window.location.search));
const runtime = loadRuntime(client, DEFAULT_BUNDLE_URL);
installTestHook(client, runtime);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App runtime={runtime} service={bridgeCaptionService(client)} />
  </StrictMode>,
);
