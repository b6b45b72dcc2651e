import { useCallback, useSyncExternalStore } from 'react';
import type { CaptionerClient, ClientStatus } from '../bridge/captioner-client';

/** Where the shell reads the worker's status: the client itself, or a stand-in with the same two members. */
export type StatusSource = Pick<CaptionerClient, 'status' | 'onStatus'>;

/** The bridge's status (the one the UI reads), re-rendering on each change. */
export function useClientStatus(source: StatusSource): ClientStatus {
  const subscribe = useCallback((listener: () => void) => source.onStatus(listener), [source]);
  return useSyncExternalStore(subscribe, () => source.status);
}
