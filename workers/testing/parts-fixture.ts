/**
 * Reads the parts fixture (public/models/fixture, written by `npm run make:fixture`): a bundle whose
 * config.json lists its own ONNX `parts` and whose model_type is not one of Glance's. It has no captioner; the
 * e2e suite runs its parts on plain tensors to check the runtime's known answers. Read with src/core's file
 * primitives, without caching.
 */
import { openFile, readFile } from '../../src/core/bundle/fetch-file';
import { type BundleLocation, bundleFileUrl } from '../../src/core/bundle/resolve-url';
import type { DownloadedBundle, DownloadOptions } from '../runtime/download-bundle';
import { bundleLayout, partFile } from './bundle-parts';

/** True for a config.json that names a non-Glance model_type and lists its parts. */
export function isPartsFixture(config: unknown): boolean {
  const c = config as { model_type?: unknown; parts?: unknown } | null;
  return typeof c?.model_type === 'string' && !c.model_type.startsWith('glance-') && Array.isArray(c.parts);
}

/** A BundleReader (download-bundle.ts): the fixture's parts, or null for any other bundle. */
export async function readPartsFixture(
  location: BundleLocation,
  config: unknown,
  { fetch: fetchFn, onProgress }: DownloadOptions,
): Promise<DownloadedBundle | null> {
  if (!isPartsFixture(config)) return null;
  const layout = bundleLayout(config);
  const files = layout.parts.map(partFile);
  const opened = await Promise.all(
    files.map((file) => openFile(file, bundleFileUrl(location, file), fetchFn, undefined, undefined)),
  );
  const totals = opened.map((o) => o.expectedBytes);
  const totalBytes = totals.includes(null) ? null : (totals as number[]).reduce((a, b) => a + b, 0);
  const loaded = files.map(() => 0);
  const bytes = await Promise.all(
    opened.map((o, i) =>
      readFile(
        o,
        (n) => {
          loaded[i] = n;
          const loadedBytes = loaded.reduce((a, b) => a + b, 0);
          onProgress({ phase: 'download', file: o.file, loadedBytes, totalBytes, fileLoaded: n, fileTotal: totals[i] });
        },
        undefined,
      ),
    ),
  );
  const parts = new Map(layout.parts.map((part, i) => [part, bytes[i]]));
  return { modelType: layout.modelType, parts, cachedFiles: [] };
}
