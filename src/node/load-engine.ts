import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { FitMode } from '../core/bundle/config';
import { loadModelFiles } from '../core/bundle/loader';
import { resolveBundleUrl } from '../core/bundle/resolve-url';
import type { CaptionHooks, CaptionOptions, CaptionResult } from '../core/caption-types';
import { createEngine } from '../core/create-engine';
import type { CaptionEngine } from '../core/engine';
import { fitGeometry } from '../core/image/fit';
import { fitToSquare, resample } from '../core/image/resize';
import type { PixelBuffer } from '../core/image/pixels';
import { decodeImage } from './decode-image';
import { fileFetch } from './file-fetch';
import { type NodeCaptionerOptions, createNodeBackend } from './load-captioner';

/** Any kind of bundle (docs/model-format.md), loaded in Node and ready to caption image files. */
export interface NodeEngine {
  readonly engine: CaptionEngine;
  /** Decodes a PNG/JPEG, prepares it as the engine asks (engine.frameNeed) and captions it. */
  captionImage(
    bytes: Uint8Array,
    name: string,
    options?: CaptionOptions & { fit?: FitMode },
    hooks?: CaptionHooks,
  ): Promise<CaptionResult>;
  /** The same for pixels already decoded (a video's frame). */
  captionPixels(
    image: PixelBuffer,
    options?: CaptionOptions & { fit?: FitMode },
    hooks?: CaptionHooks,
  ): Promise<CaptionResult>;
  dispose(): Promise<void>;
}

/** Loads a bundle folder (or URL) of any model_type through the loader and engine factory the browser uses. */
export async function loadNodeEngine(bundle: string, options: NodeCaptionerOptions = {}): Promise<NodeEngine> {
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(bundle);
  const location = resolveBundleUrl(isUrl ? bundle : pathToFileURL(resolve(bundle)).href);
  const files = await loadModelFiles(location, { fetch: fileFetch, onProgress: options.onProgress });
  const backend = await createNodeBackend(files.parts, options);
  let engine: CaptionEngine;
  try {
    engine = createEngine(files, backend);
  } catch (error) {
    await backend.close();
    throw error;
  }
  async function captionPixels(
    image: PixelBuffer,
    captionOptions: CaptionOptions & { fit?: FitMode } = {},
    hooks?: CaptionHooks,
  ): Promise<CaptionResult> {
    const need = engine.frameNeed;
    if (need.kind === 'square') {
      const fitted = fitToSquare(image, need.size, captionOptions.fit ?? need.fit, need.fill);
      return engine.caption({ pixels: fitted.pixels, geometry: fitted.geometry }, captionOptions, hooks);
    }
    const { width, height } = image;
    const scale = Math.min(1, need.maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const pixels =
      scale === 1 && image.channels === 4 ? image.data : resample(image, { x: 0, y: 0, w: width, h: height }, w, h);
    const geometry = fitGeometry(width, height, need.glanceSize, 'letterbox');
    return engine.caption({ pixels, width: w, height: h, geometry }, captionOptions, hooks);
  }
  return {
    engine,
    captionImage: (bytes, name, captionOptions, hooks) =>
      captionPixels(decodeImage(bytes, name), captionOptions, hooks),
    captionPixels,
    dispose: () => backend.close(),
  };
}
