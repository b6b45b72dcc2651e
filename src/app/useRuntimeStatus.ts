import { useSyncExternalStore } from 'react';
import type { RuntimeStatus, RuntimeStatusStore } from './runtime-status';

export function useRuntimeStatus(store: RuntimeStatusStore): RuntimeStatus {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
