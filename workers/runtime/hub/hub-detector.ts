/**
 * The region finder of a hub model that grounds nothing itself (docs/hub-models.md, "The second look"): the
 * `detector` part of Glance's default bundle (glance-real-v1, same origin as the app), read through the worker's
 * bundle cache (it is normally there already, as the default model's) and run on the same onnxruntime-web and
 * backend as the hub model. Never fatal: a detector that cannot be read or built leaves the colour-contrast
 * regions (null, with a warning in the worker's console).
 */
import { DEFAULT_BUNDLE_URL } from '../../../src/common/shipped-models';
import { validateDetectConfig } from '../../../src/core/bundle/detect-config';
import { type BundleCache, type FetchLike, openFile, readFile, storeFile } from '../../../src/core/bundle/fetch-file';
import { bundleFileUrl, resolveBundleUrl } from '../../../src/core/bundle/resolve-url';
import { detectorFinder } from '../../../src/core/hub/detector-finder';
import type { HubRegionFinder } from '../../../src/core/hub/hub-captioner';
import { DETECTOR_PART } from '../../../src/core/real/run-detector';
import { OrtBackend } from '../../../src/ort/ort-backend';
import { createSessions } from '../create-sessions';
import { messageOf } from '../errors';
import { ort } from '../ort-env';
import type { BackendName } from '../select-backend';

/** The detector's files: its ONNX bytes and the input side its bundle's config.json gives. */
export interface DetectorFiles {
  bytes: Uint8Array;
  inputSize: number;
}

/** A finder over its own session, to be disposed with the hub model. */
export interface HubDetector {
  findRegions: HubRegionFinder;
  dispose(): Promise<void>;
}

/** Says why the detector is not used; the hub model then looks where the colours differ. */
export function warnNoDetector(why: string, error: unknown): void {
  console.warn(`Glance: ${why}; hub models look where the colours differ instead (${messageOf(error)})`);
}

/**
 * Reads config.json and onnx/detector.onnx of the default bundle (`base`: where relative URLs start, the
 * worker's location), from `cache` when it holds them (storing them there when fetched). Null on any failure.
 */
export async function readDetectorFiles(
  fetchFn: FetchLike,
  cache: BundleCache | undefined,
  base: string,
): Promise<DetectorFiles | null> {
  try {
    const location = resolveBundleUrl(DEFAULT_BUNDLE_URL, { base });
    const read = async (file: string) => {
      const opened = await openFile(file, bundleFileUrl(location, file), fetchFn, cache, undefined);
      const bytes = await readFile(opened, () => undefined, undefined);
      if (!opened.fromCache && cache) await storeFile(cache, opened.url, bytes);
      return bytes;
    };
    const config = validateDetectConfig(JSON.parse(new TextDecoder().decode(await read('config.json'))));
    const bytes = await read(`onnx/${DETECTOR_PART}.onnx`);
    return { bytes, inputSize: config.detector.input_size };
  } catch (error) {
    warnNoDetector('the real-world detector could not be read', error);
    return null;
  }
}

/** Builds the detector's session on `device` (the hub model's); null, with a warning, when it cannot. */
export async function createHubDetector(files: DetectorFiles, device: BackendName): Promise<HubDetector | null> {
  let backend: OrtBackend | null = null;
  try {
    const sessions = await createSessions(device, new Map([[DETECTOR_PART, files.bytes]]), () => undefined);
    backend = new OrtBackend(device, sessions, ort().Tensor);
    const findRegions = detectorFinder(backend, { inputSize: files.inputSize });
    const held = backend;
    return { findRegions, dispose: () => held.close() };
  } catch (error) {
    await backend?.close().catch(() => undefined);
    warnNoDetector('the real-world detector could not be loaded', error);
    return null;
  }
}
