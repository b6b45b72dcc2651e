/**
 * transformers.js behind Glance's HubCaptionModel (src/core/hub/hub-captioner.ts). Imported only when a hub
 * model is loaded (read-hub-model.ts), so the app's first load does not carry the library.
 *
 * One runtime: transformers.js runs on the onnxruntime-web that ort-env.ts already loaded (the WASM-only build on
 * WASM, the JSEP build on WebGPU); see src/ort/ort-for-transformers.ts.
 */
import type * as TransformersModule from '@huggingface/transformers';
import type { CaptionText } from '../../../src/core/caption-types';
import { type CancelCheck, throwIfCancelled } from '../../../src/core/decode/cancel';
import type { HubDtype } from '../../../src/core/hub/hub-dtype';
import type { HubRepo } from '../../../src/core/hub/hub-repo';
import type { HubCaptionModel } from '../../../src/core/hub/hub-captioner';
import { ORT_FOR_TRANSFORMERS } from '../../../src/ort/ort-for-transformers-key';
import { ort } from '../ort-env';

type Transformers = typeof TransformersModule;

/** transformers.js's progress events, as far as Glance reads them. */
export interface HubFileProgress {
  file: string;
  loaded: number;
  total: number;
}

export interface LoadedHubModel {
  model: HubCaptionModel;
  /** The ONNX files the model runs, relative to the repo (e.g. `onnx/encoder_model_quantized.onnx`). */
  files: string[];
  dispose(): Promise<void>;
}

let library: Promise<Transformers> | null = null;

async function transformers(): Promise<Transformers> {
  library ??= (async () => {
    // Read by src/ort/ort-for-transformers.ts, which stands in for transformers.js's own ORT imports.
    (globalThis as Record<symbol, unknown>)[ORT_FOR_TRANSFORMERS] = ort();
    return import('@huggingface/transformers');
  })();
  return library;
}

/** Loads an image-to-text model of the vision encoder-decoder family from `repo`. */
export async function loadImageToText(
  repo: HubRepo,
  options: { device: 'webgpu' | 'wasm'; dtype: HubDtype; onFile: (progress: HubFileProgress) => void },
): Promise<LoadedHubModel> {
  const tf = await transformers();
  tf.env.remoteHost = repo.host;
  tf.env.remotePathTemplate = '{model}/resolve/{revision}/';
  tf.env.allowLocalModels = false;
  tf.env.allowRemoteModels = true;
  tf.env.useBrowserCache = typeof caches !== 'undefined';
  const files = new Set<string>();
  const pipe = await tf.pipeline('image-to-text', repo.id, {
    revision: repo.revision,
    device: options.device,
    dtype: options.dtype,
    progress_callback: (info) => {
      if (info.status !== 'progress') return;
      if (info.file.endsWith('.onnx')) files.add(info.file);
      options.onFile({ file: info.file, loaded: info.loaded, total: info.total });
    },
  });
  const { model, tokenizer, processor } = pipe;

  const caption: HubCaptionModel['caption'] = async (images, { maxNewTokens, onPiece, cancel }) => {
    const raw = images.map((image) => new tf.RawImage(new Uint8ClampedArray(image.data), image.width, image.height, 3));
    const { pixel_values } = await processor(raw);
    throwIfCancelled(cancel, 'encoding');
    const decode = (ids: number[]) => tokenizer.decode(ids, { skip_special_tokens: true });
    const streamer = new StepStreamer(cancel, onPiece && decode, onPiece);
    const output = (await model.generate({
      inputs: pixel_values,
      max_new_tokens: maxNewTokens,
      // generate() only calls put() and end(); its declared type is TextStreamer.
      streamer: streamer as never,
    })) as {
      tolist(): bigint[][];
    };
    const eos = new Set(eosIds(model.generation_config ?? model.config));
    return output.tolist().map((row): CaptionText => {
      // The first id is the decoder's start token, not part of the caption.
      const generated = row.slice(1).map(Number);
      const ended = generated.findIndex((id) => eos.has(id));
      const tokens = ended >= 0 ? generated.slice(0, ended) : generated;
      const text = tokenizer.decode(tokens, { skip_special_tokens: true }).trim();
      return { text, tokens, stopReason: ended >= 0 ? 'eos' : 'max_new_tokens' };
    });
  };

  return {
    model: { caption },
    files: [...files].sort(),
    dispose: () => pipe.dispose(),
  };
}

function eosIds(config: unknown): number[] {
  const eos = (config as { eos_token_id?: number | number[] } | null)?.eos_token_id;
  if (eos === undefined || eos === null) return [];
  return Array.isArray(eos) ? eos : [eos];
}

/**
 * Sees every decoding step of `generate` (which only calls `put` and `end`): stops it when the job is cancelled
 * (an exception thrown from `put` ends the generation loop), and streams the first sequence's new text as pieces
 * whose concatenation is the caption without its leading space.
 */
class StepStreamer {
  private readonly ids: number[] = [];
  private shown = '';
  private prompt = true;

  constructor(
    private readonly cancel: CancelCheck | undefined,
    private readonly decode: ((ids: number[]) => string) | undefined,
    private readonly onPiece: ((piece: string, token: number) => void) | undefined,
  ) {}

  put(value: bigint[][]): void {
    throwIfCancelled(this.cancel, 'decoding');
    // generate() first reports the decoder's start token(s).
    if (this.prompt) {
      this.prompt = false;
      return;
    }
    if (!this.decode || !this.onPiece) return;
    const token = Number(value[0][0]);
    this.ids.push(token);
    const text = this.decode(this.ids).trimStart();
    if (text.length > this.shown.length && text.startsWith(this.shown)) {
      this.onPiece(text.slice(this.shown.length), token);
      this.shown = text;
    }
  }

  end(): void {
    throwIfCancelled(this.cancel, 'decoding');
  }
}
