/**
 * Reads the parts fixture (public/models/fixture, written by `npm run make:fixture`): a bundle whose
 * config.json lists its own ONNX `parts` under a model_type that is not a captioner's. It has no captioner; the
 * e2e suite runs its parts on plain tensors to check the runtime's known answers. Read with src/core's file
 * primitives, without caching.
 */
import { openFile, readFile } from '../../src/core/bundle/fetch-file';
import type { ModelFiles } from '../../src/core/bundle/loader';
import { type BundleLocation, bundleFileUrl } from '../../src/core/bundle/resolve-url';
import type { DownloadedBundle, DownloadOptions } from '../runtime/download-bundle';
import { bundleLayout, partFile } from './bundle-parts';

/** The model types src/core's loader reads (captioners); the fixture's ('glance-fixture') is not one of them. */
const CAPTIONER_TYPES: readonly string[] = ['glance-mmser', 'glance-detect'] satisfies ModelFiles['kind'][];

/** True for a config.json that lists its parts under a model_type that src/core's loader does not read. */
export function isPartsFixture(config: unknown): boolean {
  const c = config as { model_type?: unknown; parts?: unknown } | null;
  return typeof c?.model_type === 'string' && !CAPTIONER_TYPES.includes(c.model_type) && Array.isArray(c.parts);
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
          const fromCache = o.fromCache;
          onProgress({
            phase: 'download',
            file: o.file,
            loadedBytes,
            totalBytes,
            fileLoaded: n,
            fileTotal: totals[i],
            fromCache,
          });
        },
        undefined,
      ),
    ),
  );
  const parts = new Map(layout.parts.map((part, i) => [part, bytes[i]]));
  return { modelType: layout.modelType, parts, cachedFiles: [] };
}
