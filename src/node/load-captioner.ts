import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FitMode, GlanceConfig } from '../core/bundle/config';
import { type DownloadProgress, loadBundleFiles } from '../core/bundle/loader';
import { resolveBundleUrl } from '../core/bundle/resolve-url';
import type { CaptionHooks, CaptionOptions, CaptionResult } from '../core/caption-types';
import { type Captioner, createCaptioner } from '../core/captioner';
import { type CaptionTokenizer, createTokenizer } from '../core/text/tokenizer';
import { decodeImage } from './decode-image';
import { fileFetch } from './file-fetch';
import { loadNodeEngine } from './load-engine';
import type { OrtBackend } from '../ort/ort-backend';
import { type OrtModule, createOrtBackend } from './ort-backend';
import { fitToSquare } from '../core/image/resize';

/** Which onnxruntime runs the bundle in Node. */
export type NodeRuntime = 'node' | 'wasm';

export interface NodeCaptionerOptions {
  /** 'node': onnxruntime-node on the CPU (default); 'wasm': onnxruntime-web's WASM build inside Node. */
  runtime?: NodeRuntime;
  /** Intra-op threads (node) or WASM threads (wasm). Default 1: these machines are shared. */
  threads?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

/** A loaded bundle ready to caption image files in Node. */
export interface NodeCaptioner {
  readonly captioner: Captioner;
  readonly config: GlanceConfig;
  readonly tokenizer: CaptionTokenizer;
  readonly backend: OrtBackend;
  /** Decodes a PNG/JPEG, fits it to the model square (config's fit unless given) and captions it. */
  captionImage(
    bytes: Uint8Array,
    name: string,
    options?: CaptionOptions & { fit?: FitMode },
    hooks?: CaptionHooks,
  ): Promise<CaptionResult>;
  dispose(): Promise<void>;
}

/** Loads a bundle from a folder (or URL) through the same loader and checks the browser uses. */
export async function loadNodeCaptioner(bundle: string, options: NodeCaptionerOptions = {}): Promise<NodeCaptioner> {
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(bundle);
  const location = resolveBundleUrl(isUrl ? bundle : pathToFileURL(resolve(bundle)).href);
  const files = await loadBundleFiles(location, { fetch: fileFetch, onProgress: options.onProgress });
  const tokenizer = createTokenizer(files.tokenizerJson, files.config);
  const backend = await createNodeBackend(files.parts, options);
  let captioner: Captioner;
  try {
    captioner = createCaptioner(backend, { config: files.config, tokenizer });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const { config } = files;
  return {
    captioner,
    config,
    tokenizer,
    backend,
    async captionImage(bytes, name, captionOptions = {}, hooks) {
      const image = decodeImage(bytes, name);
      const fitted = fitToSquare(
        image,
        config.image.size,
        captionOptions.fit ?? config.image.fit,
        config.image.letterbox_value,
      );
      return captioner.caption({ pixels: fitted.pixels, geometry: fitted.geometry }, captionOptions, hooks);
    },
    dispose: () => backend.close(),
  };
}

/** An OrtBackend over `parts` with onnxruntime-node (default) or onnxruntime-web's WASM build. */
export async function createNodeBackend(
  parts: Record<string, Uint8Array>,
  options: Pick<NodeCaptionerOptions, 'runtime' | 'threads'>,
): Promise<OrtBackend> {
  const threads = options.threads ?? 1;
  if (options.runtime === 'wasm') {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = threads;
    return createOrtBackend(ort as unknown as OrtModule, 'wasm', parts);
  }
  const ort = await import('onnxruntime-node');
  return createOrtBackend(ort as unknown as OrtModule, 'cpu', parts, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
}

/** One captioned file. */
export interface FileCaption {
  file: string;
  result: CaptionResult;
}

/**
 * Captions image files with a bundle folder: the entry point of eval, bench and Node tests. Files run one after
 * another on one loaded bundle; the first unreadable image throws ImageDecodeError naming it.
 */
export async function captionFiles(
  bundleDir: string,
  files: readonly string[],
  options: CaptionOptions & NodeCaptionerOptions & { fit?: FitMode; onResult?: (caption: FileCaption) => void } = {},
): Promise<FileCaption[]> {
  const node = await loadNodeEngine(bundleDir, options);
  try {
    const out: FileCaption[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(await readFile(file));
      const result = await node.captionImage(bytes, basename(file), options);
      const caption = { file, result };
      options.onResult?.(caption);
      out.push(caption);
    }
    return out;
  } finally {
    await node.dispose();
  }
}
