import type { CaptionerClient } from '../bridge/captioner-client';
import type { RuntimeStatus, RuntimeStatusStore } from './runtime-status';

/** State the UI does not show, for the e2e suite (e2e/fixtures). Present in every build; it exposes nothing new. */
export interface GlanceTestHook {
  /** The worker client (src/bridge/captioner-client.ts): load, caption, run, info, status, crash test hook. */
  client: CaptionerClient;
  /** Resolves when the startup load has succeeded or failed. */
  runtimeSettled: Promise<RuntimeStatus>;
}

declare global {
  interface Window {
    __glance?: GlanceTestHook;
  }
}

export function installTestHook(client: CaptionerClient, runtime: RuntimeStatusStore): void {
  window.__glance = {
    client,
    runtimeSettled: runtime.settled,
  };
}
