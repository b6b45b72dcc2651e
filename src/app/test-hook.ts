import type { CaptionerClient } from '../bridge/captioner-client';
import type { RuntimeStatus, RuntimeStatusStore } from './runtime-status';

/** State the UI does not show, for the e2e suite (e2e/fixtures). Present in every build; it exposes nothing new. */
export interface GlanceTestHook {
  /** The worker client: load, run, info. */
  client: Pick<CaptionerClient, 'load' | 'run' | 'info' | 'preference'>;
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
    client: {
      preference: client.preference,
      load: (url, onProgress) => client.load(url, onProgress),
      run: (part, feeds) => client.run(part, feeds),
      info: () => client.info(),
    },
    runtimeSettled: runtime.settled,
  };
}
