import { startApp } from './app/start-app';
import { backendPreferenceFrom } from './bridge/backend-preference';
import { CaptionerClient } from './bridge/captioner-client';

// One worker for the page's life, started before React so StrictMode's double effects cannot start two.
startApp(new CaptionerClient(backendPreferenceFrom(window.location.search)));
