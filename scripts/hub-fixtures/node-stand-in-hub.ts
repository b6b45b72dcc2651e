/**
 * For the fixtures' vitest files: transformers.js in Node pointed at the stand-in hub (hub-server.ts) serving the
 * committed fixtures, and the test pictures they caption.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RawImage, env } from '@huggingface/transformers';
import { FIXTURE_ROOT } from './design';
import { type HubServer, startHubServer } from './hub-server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ENV_KEYS = ['remoteHost', 'allowLocalModels', 'allowRemoteModels', 'useFSCache', 'cacheDir', 'useBrowserCache'];

export interface StandInHub {
  /** The server, with the requests it answered. */
  server: HubServer;
  /** Puts transformers.js's env back, stops the server and removes the cache directory. */
  close(): Promise<void>;
}

/**
 * Starts the stand-in hub and points transformers.js's env at it. In
 * Node, transformers.js hands onnxruntime a path from its file cache, so it cannot load an .onnx from a remote host
 * with useFSCache off: a throwaway cache directory keeps the repo clean instead.
 */
export async function pointTransformersAtStandInHub(): Promise<StandInHub> {
  const server = await startHubServer({ root: join(repoRoot, FIXTURE_ROOT), port: 0 });
  const cacheDir = mkdtempSync(join(tmpdir(), 'glance-hub-cache-'));
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, (env as Record<string, unknown>)[key]]));
  Object.assign(env, { remoteHost: server.url, allowLocalModels: false, allowRemoteModels: true });
  Object.assign(env, { useFSCache: true, cacheDir, useBrowserCache: false });
  return {
    server,
    async close() {
      Object.assign(env, saved);
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

export type Rgb = [number, number, number];

/** A picture painted pixel by pixel, as transformers.js's processors take it. */
export function rgbImage(width: number, height: number, pixel: (x: number, y: number) => Rgb): RawImage {
  const data = new Uint8ClampedArray(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  return new RawImage(data, width, height, 3);
}
