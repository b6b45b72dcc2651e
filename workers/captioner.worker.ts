/**
 * The captioner worker: exposes captioner-api.ts over comlink. The UI reaches it only through
 * src/bridge/captioner-client.ts and takes its type from here (`import type { CaptionerApi }`). The test build
 * runs workers/testing/captioner.worker.ts instead, which adds test hooks to the same API.
 */
import { expose } from 'comlink';
import { captionerApi } from './runtime/captioner-api';
import { CaptionerRuntime } from './runtime/captioner-runtime';
import { startWorkerRuntime } from './runtime/worker-runtime';

const api = captionerApi(startWorkerRuntime(CaptionerRuntime));

/** The worker's API as the UI sees it through comlink's Remote<>. */
export type CaptionerApi = typeof api;

expose(api);
