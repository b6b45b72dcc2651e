/**
 * Plain data that crosses the worker boundary (structured clone). The UI imports these with `import type`.
 */
import type { FitMode } from '../../src/core/bundle/config';
import type { CaptionEvent, CaptionEventType, CaptionOptions, CaptionResult } from '../../src/core/caption-types';
import type { DownloadProgress } from '../../src/core/bundle/loader';
import type { FitGeometry } from '../../src/core/image/fit';
import type { BackendName, BackendPreference } from './select-backend';

/**
 * Progress of a load, in phase order: 'download' (core's byte progress as it is: per file and summed, from the
 * cache or not; `totalBytes` is null until every file's size is known), 'session' (one event per ONNX part being
 * compiled), 'warmup' (one caption on a grey square), 'ready'. After the download, `loadedBytes` and `totalBytes`
 * are the bundle's size.
 */
export type LoadProgress =
  | ({ phase: 'download' } & DownloadProgress)
  | {
      phase: 'session' | 'warmup' | 'ready';
      /** The part being compiled, relative to the bundle URL; '' for warmup and ready. */
      file: string;
      loadedBytes: number;
      totalBytes: number | null;
    };

/** How a load is done. */
export interface LoadOptions {
  /** `?backend=` of the page; 'auto' lets the runtime choose. */
  backend: BackendPreference;
  /** The user agreed to a download over 500 MB (hub models); without it such a load fails with LargeDownloadError. */
  allowLargeDownload?: boolean;
}

/** The loaded bundle. */
export interface BundleInfo {
  url: string;
  /** The bundle folder's last path segment (e.g. 'glance-world-v3'), for display. */
  name: string;
  modelType: string;
  parts: string[];
  /** `caption` works: true for every bundle src/core reads; false for one that only runs parts (test fixture). */
  captioner: boolean;
  /** Files served by the Cache API instead of the network on this load. */
  cachedFiles: string[];
  /** Duration of the warm-up caption, ms; null when there was none (no captioner). */
  warmupMs: number | null;
  /** The weights' dtype chosen for this backend ('q8', 'fp16', 'fp32'; hub models), null for Glance bundles. */
  dtype: string | null;
  /** Something the user should know about how this model runs (a hub model moved from WebGPU to WASM), or null. */
  notice: string | null;
}

/** What the runtime runs on, as observed rather than as requested. */
export interface RuntimeInfo {
  ortVersion: string;
  requested: BackendPreference | null;
  /** The execution provider every loaded session runs on; null before the first successful load. */
  backend: BackendName | null;
  /** Why that backend was chosen. */
  reason: string | null;
  /** Threads ORT's WASM module started with (after its own checks); null before the first load. */
  wasmThreads: number | null;
  /** pthread workers ORT spawned for those threads (wasmThreads - 1 when threading works). */
  pthreadWorkers: number;
  crossOriginIsolated: boolean;
  /** The WebGPU adapter the browser offers, whether or not it is used. */
  adapter: { description: string; isFallback: boolean; hasShaderF16: boolean } | null;
  bundle: BundleInfo | null;
  /** What the runtime holds now, for leak checks over long runs (scripts/soak.ts). */
  resources: RuntimeResources;
}

/** Counts and sizes that must not grow while the same model keeps captioning. */
export interface RuntimeResources {
  /** ORT tensors handed out and not yet released; 0 between captions. */
  liveTensors: number;
  /** Of those, the ones holding a WebGPU buffer. */
  gpuBuffers: number;
  /** Bytes of ORT's WebAssembly memory (it grows and never shrinks); null before ORT has started. */
  wasmMemoryBytes: number | null;
}

/** A frame the worker captions. It is transferred (ImageBitmap, VideoFrame, ImageData's buffer) and closed there. */
export type FrameInput = ImageBitmap | VideoFrame | ImageData | Blob;

/**
 * Frees a frame's pixels (ImageBitmap, VideoFrame); a no-op for ImageData and Blob. Idempotent. Whoever holds a
 * frame last closes it: the worker after captioning it, the client for a frame it will not send, a live loop for
 * a frame it grabbed but did not hand over.
 */
export function closeFrame(frame: FrameInput | undefined): void {
  if (frame && 'close' in frame && typeof frame.close === 'function') frame.close();
}

/** Options of one caption job: the engine's, plus how the frame becomes the model square. */
export interface CaptionJobOptions extends CaptionOptions {
  /** Default: the bundle's config.image.fit. */
  fit?: FitMode;
  /**
   * The events the caller's listener needs (the rest are not sent: a live view that shows whole captions does
   * not pay for a message per token). Default: all of them. No listener, no events.
   */
  events?: readonly CaptionEventType[];
}

export type { CaptionEvent, CaptionEventType };

/** How the frame was read and fitted, to draw boxes and the heat map over it. */
export interface FrameFacts {
  /** The frame's size after orientation, before any decode-time downscale. */
  width: number;
  height: number;
  /** How the frame became the model square, in `width x height` pixels (region boxes are in those too). */
  geometry: FitGeometry;
  /** The decoded size, when a huge image was downscaled while decoding; else equal to width x height. */
  decodedWidth: number;
  decodedHeight: number;
  /** Decode (Blobs) and fit to the square, ms; also added to timings.preprocess and timings.total. */
  prepareMs: number;
}

/** A caption job's result: the engine's CaptionResult plus the frame facts. */
export interface FrameCaption extends CaptionResult {
  frame: FrameFacts;
  /** The model that captioned it, as RuntimeInfo's bundle names it (a bundle's folder or a hub repo id). */
  model: string;
}
