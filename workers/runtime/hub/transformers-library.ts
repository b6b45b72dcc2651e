/**
 * transformers.js, imported only when a hub model is loaded (read-hub-model.ts), so the app's first load does not
 * carry the library, and pointed at the hub repo Glance loads from.
 *
 * One runtime: transformers.js runs on the onnxruntime-web that ort-env.ts already loaded (the WASM-only build on
 * WASM, the JSEP build on WebGPU); see src/ort/ort-for-transformers.ts.
 */
import type * as TransformersModule from '@huggingface/transformers';
import type { HubDtype } from '../../../src/core/hub/hub-dtype';
import type { HubCaptionModel, RgbImage } from '../../../src/core/hub/hub-captioner';
import type { HubRepo } from '../../../src/core/hub/hub-repo';
import { ORT_FOR_TRANSFORMERS } from '../../../src/ort/ort-for-transformers-key';
import { ort } from '../ort-env';

export type Transformers = typeof TransformersModule;

/** transformers.js's progress events, as far as Glance reads them. */
export interface HubFileProgress {
  file: string;
  loaded: number;
  total: number;
}

export interface HubLoadOptions {
  device: 'webgpu' | 'wasm';
  dtype: HubDtype;
  onFile: (progress: HubFileProgress) => void;
}

export interface LoadedHubModel {
  model: HubCaptionModel;
  /** The ONNX files the model runs, relative to the repo (e.g. `onnx/encoder_model_quantized.onnx`). */
  files: string[];
  dispose(): Promise<void>;
}

let library: Promise<Transformers> | null = null;

/** The library, set up to fetch `repo`'s files from its host with the browser's Cache API for offline use. */
export async function transformersFor(repo: HubRepo): Promise<Transformers> {
  library ??= (async () => {
    // Read by src/ort/ort-for-transformers.ts, which stands in for transformers.js's own ORT imports.
    (globalThis as Record<symbol, unknown>)[ORT_FOR_TRANSFORMERS] = ort();
    return import('@huggingface/transformers');
  })();
  const tf = await library;
  tf.env.remoteHost = repo.host;
  tf.env.remotePathTemplate = '{model}/resolve/{revision}/';
  tf.env.allowLocalModels = false;
  tf.env.allowRemoteModels = true;
  tf.env.useBrowserCache = typeof caches !== 'undefined';
  return tf;
}

/**
 * The options every from_pretrained call takes, and the ONNX files it reported downloading (so the runtime can
 * name the parts it runs).
 */
export function pretrainedOptions(repo: HubRepo, options: HubLoadOptions) {
  const files = new Set<string>();
  return {
    files,
    common: {
      revision: repo.revision,
      progress_callback: (info: { status: string; file?: string; loaded?: number; total?: number }) => {
        if (info.status !== 'progress' || !info.file) return;
        if (info.file.endsWith('.onnx')) files.add(info.file);
        options.onFile({ file: info.file, loaded: info.loaded ?? 0, total: info.total ?? 0 });
      },
    },
    model: { device: options.device, dtype: options.dtype },
  };
}

export function rawImage(tf: Transformers, image: RgbImage): InstanceType<Transformers['RawImage']> {
  return new tf.RawImage(new Uint8ClampedArray(image.data), image.width, image.height, 3);
}

/** A generated row cut at its first end-of-sequence id, with whether it ended there. */
export function untilEos(ids: readonly number[], eos: ReadonlySet<number>): { tokens: number[]; ended: boolean } {
  const end = ids.findIndex((id) => eos.has(id));
  return end >= 0 ? { tokens: ids.slice(0, end), ended: true } : { tokens: [...ids], ended: false };
}

export function eosIds(config: unknown): Set<number> {
  const eos = (config as { eos_token_id?: number | number[] } | null)?.eos_token_id;
  if (eos === undefined || eos === null) return new Set();
  return new Set(Array.isArray(eos) ? eos : [eos]);
}

/** A transformers.js tokenizer, as far as Glance decodes with it. */
export interface IdTokenizer {
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
}

/** A transformers.js model that generates (from_pretrained's result), as far as Glance calls it. */
export interface GenerativeModel {
  generate(inputs: Record<string, unknown>): Promise<unknown>;
  generation_config?: unknown;
  config: unknown;
  dispose(): Promise<unknown>;
}

/**
 * A tokenizer's text for ids, '' for none: @huggingface/tokenizers refuses an empty array ("token_ids must be a
 * non-empty array of integers"), and a caption that ends at once (its first token is end-of-sequence) has none.
 */
export function textOfIds(tokenizer: IdTokenizer, keepSpecial = false): (ids: number[]) => string {
  return (ids) => (ids.length === 0 ? '' : tokenizer.decode(ids, { skip_special_tokens: !keepSpecial }));
}
