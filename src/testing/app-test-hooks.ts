import type { ModelSwitcher } from '../app/settings/model-switcher';
import type { ClientStatus } from '../bridge/captioner-client';
import type { Scene } from '../world/scene';
import type { TestCaptionerClient } from './test-captioner-client';

/** State the UI does not show, for the e2e suite (e2e/fixtures), the bench and the soak. Test build only. */
export interface GlanceTestHook {
  /** The worker client: the app's calls (load, caption, info, status) and the test worker's hooks. */
  client: TestCaptionerClient;
  /** Resolves when the startup load has succeeded or failed. */
  runtimeSettled: Promise<ClientStatus>;
}

/** What the e2e suite reads about the Live view that the UI does not show: the demo camera's true scene. */
export interface GlanceLiveTestHook {
  /** The scene the demo camera shows now; null for a webcam or no source. */
  currentScene(): Scene | null;
}

declare global {
  interface Window {
    __glance?: GlanceTestHook;
    __glanceLive?: GlanceLiveTestHook;
  }
}

export function installTestHook(client: TestCaptionerClient, models: Pick<ModelSwitcher, 'settled'>): void {
  window.__glance = { client, runtimeSettled: models.settled };
}

/** The Live view's SceneProbe (src/app/live/LiveView.tsx): publishes the source's scene while it is on. */
export function setLiveTestHook(currentScene: () => Scene | null): () => void {
  window.__glanceLive = { currentScene };
  return () => {
    if (window.__glanceLive?.currentScene === currentScene) delete window.__glanceLive;
  };
}
