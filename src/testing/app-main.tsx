/**
 * The test build's app entry (index.html's script in `vite build --mode e2e`; README.md): src/main.tsx on the
 * test worker, with window.__glance and window.__glanceLive for the e2e suite, the bench and the soak.
 */
import { startApp } from '../app/start-app';
import { backendPreferenceFrom } from '../bridge/backend-preference';
import { installTestHook, setLiveTestHook } from './app-test-hooks';
import { TestCaptionerClient } from './test-captioner-client';

const client = new TestCaptionerClient(backendPreferenceFrom(window.location.search));
// Before React's first render, and so before the first caption: the bench and the soak wrap the client's calls.
installTestHook(client, startApp(client, { sceneProbe: setLiveTestHook }));
