import type { Scene } from '../../world/scene';

/** What the e2e suite reads about the Live view that the UI does not show: the demo camera's true scene. */
export interface GlanceLiveTestHook {
  /** The scene the demo camera shows now; null for a webcam or no source. */
  currentScene(): Scene | null;
}

declare global {
  interface Window {
    __glanceLive?: GlanceLiveTestHook;
  }
}

export function setLiveTestHook(currentScene: () => Scene | null): () => void {
  window.__glanceLive = { currentScene };
  return () => {
    if (window.__glanceLive?.currentScene === currentScene) delete window.__glanceLive;
  };
}
