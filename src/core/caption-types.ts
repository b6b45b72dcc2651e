import type { CaptionStyle } from './bundle/config';
import type { CancelCheck } from './decode/cancel';
import type { StopReason } from './decode/types';
import type { FitGeometry, Rect } from './image/fit';
import type { LookPolicy, LookReport } from './look-policy';

/**
 * The frame as the engine's `frameNeed` asks (engine.ts): the model square, fitted by the caller (the worker
 * draws it with OffscreenCanvas), or the whole frame at up to `maxSide` pixels.
 */
export interface CaptionInput {
  /** The model square (size x size) or the frame (width x height), RGBA (ImageData order) or RGB. */
  pixels: Uint8Array | Uint8ClampedArray;
  /** 4 (default) or 3. */
  channels?: 3 | 4;
  /** Size of `pixels` for a 'frame' need (omitted for the square). */
  width?: number;
  height?: number;
  /**
   * 'square': how the original frame became the square, to map region boxes back; omitted = the frame is the
   * square. 'frame': the letterbox of the original frame into the glance square (frame pixels).
   */
  geometry?: FitGeometry;
}

/** What to caption and how. Every field is optional. */
export interface CaptionOptions {
  /** Run the second look (regions, connector, pass 2). Default true. */
  refine?: boolean;
  /** Regions to look at again. Default config regions.k. */
  k?: number;
  /** Default 'detailed'. */
  style?: CaptionStyle;
  /** 1 = greedy (default, streams tokens; matches the PyTorch reference); > 1 = beam search. */
  numBeams?: number;
  /** Default config generation.max_new_tokens[style]. */
  maxNewTokens?: number;
  /** Off by default (1). */
  repetitionPenalty?: number;
  /** Off by default (0). */
  noRepeatNgramSize?: number;
  /** Beam search only; default 1. */
  lengthPenalty?: number;
  /** false recomputes every decoding step from scratch (benchmarks the KV cache; same captions). Default true. */
  useCache?: boolean;
  /**
   * Pass 2 feeds the coarse caption's words as guesses and keeps those greedy decoding would choose
   * (src/core/decode/drafted.ts), and pass 1 of a live frame (`stream`) the last frame's coarse caption: the same
   * captions in fewer decoder calls. Default true; false decodes one token a call (benchmarks the draft). Greedy
   * only.
   */
  draft?: boolean;
  /**
   * With refine, when to look again (the learned captioner only; src/core/look-policy.ts): 'always', or only when
   * a pass-1 token that matters is less likely than `minTokenProbability` (greedy decoding; beam search always
   * looks). Default: 'always' for a still image, the bundle's `look` (config.json) for a stream's frame. A skipped
   * look gives refined = coarse. Given (even as 'always'), or a bundle policy in force, the result carries `look`.
   */
  look?: LookPolicy;
  /**
   * The frame comes from a live stream with this id (the live loop gives each run one): the captioner may reuse
   * what it found in parts of the previous frame of the same stream that have not changed: the learned captioner
   * its region crops' encoder features (region-memory.ts), the real-world captioner its regions' second looks
   * (real/look-memory.ts). Hub models ignore it. The real-world captioner also glances at a stream's frame once, in
   * a view that alternates (as it is, mirrored) and is combined with the frame before's where the picture held
   * still, where a still image gets both views at once (real/glance.ts).
   */
  stream?: string;
}

/** Which caption a streamed token belongs to. */
export type CaptionPass = 'coarse' | 'refined';

/** Stages, in order, as reported to `onStage` ('lookAgain' and 'pass2' only with refine). */
export type CaptionStage = 'preprocess' | 'encode' | 'pass1' | 'saliency' | 'regions' | 'lookAgain' | 'pass2' | 'done';

/**
 * Progress of one caption job, in order, as it reaches the UI: stages, each token as it is decoded, and each
 * pass's caption once that pass is over (the coarse one can show before the refined one is ready).
 */
export type CaptionEvent =
  | { type: 'stage'; stage: CaptionStage }
  | { type: 'token'; pass: CaptionPass; text: string; token: number }
  | { type: 'caption'; pass: CaptionPass; text: string };

/** The kinds of CaptionEvent: a listener names those it needs, and only those cross the worker boundary. */
export type CaptionEventType = CaptionEvent['type'];

/** Callbacks of one caption job (all optional; keep them cheap: they run between decoding steps). */
export interface CaptionHooks {
  /**
   * A new token: `text` is what it appends to that pass's caption so far (with its leading space), so the
   * concatenation of a pass's pieces is its final text. Greedy streams; beam search reports at the end of a pass.
   */
  onToken?: (pass: CaptionPass, text: string, token: number) => void;
  /** A pass is over: its caption, as the result will carry it. */
  onCaption?: (pass: CaptionPass, text: string) => void;
  onStage?: (stage: CaptionStage) => void;
  /** Checked before every decoder step and stage; true -> the job throws CancelledError. */
  isCancelled?: () => boolean;
  /** The same, as an AbortSignal-like object (in-process callers; a signal cannot cross comlink). */
  signal?: { readonly aborted: boolean };
}

/** One caption: its text and ids (without `</s>`), and why decoding stopped. */
export interface CaptionText {
  text: string;
  tokens: number[];
  stopReason: StopReason;
}

/** A region the second look used. */
export interface RegionBox {
  /** The box in frame pixels (clipped to the frame). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** The same box in model-square pixels (the crop the encoder saw). */
  square: Rect;
  /** Share of the heat map at the chosen cell, 0..1. */
  score: number;
  /**
   * What chose the region, where a captioner has more than one way (hub models, docs/hub-models.md): the
   * real-world bundle's COCO detector, the model's own grounding (Florence-2), or the colour-contrast heat map
   * (the fallback when the detector found nothing or could not run). Absent for Glance's own models.
   */
  source?: RegionSource;
}

/** See `RegionBox.source`. */
export type RegionSource = 'detector' | 'grounding' | 'colour contrast';

/** Milliseconds per stage. `encode` covers the global view's encoder and the shared decoder prefix. */
export interface StageTimings {
  preprocess: number;
  encode: number;
  pass1: number;
  saliency: number;
  regions: number;
  /** Region crops through the encoder and the connector (steps 7-8); 0 without refine. */
  lookAgain: number;
  /** The refined caption's decoding (step 9); 0 without refine. */
  pass2: number;
  total: number;
}

/** An object a caption names, where the captioner knows its box (the real-world captioner). */
export interface NamedObject {
  /** COCO class name. */
  label: string;
  /** Frame pixels. */
  box: { x: number; y: number; w: number; h: number };
  score: number;
  /** Named with a hedge ("what looks like"). */
  hedged: boolean;
  /** The word the caption uses for it ("ball" for COCO's "sports ball"), for labelling its box. */
  name?: string;
}

/**
 * The picture lies outside what the model knows (the scene-world model given a photo, src/core/world-limits.ts):
 * the captions then read one fixed sentence instead of made-up objects, and a UI may offer another model.
 */
export interface OutOfDomain {
  /** Machine-readable: which test refused it ('not-flat': too few flat pixels for a rendered world scene). */
  reason: string;
  /** That test's measured value (for 'not-flat': the share of flat global-view pixels, 0..1). */
  score: number;
}

/** Everything a caption job produced: plain data, safe to post across the worker boundary. */
export interface CaptionResult {
  style: CaptionStyle;
  coarse: CaptionText;
  /** Present when refine was on. */
  refined?: CaptionText;
  /** Pass 1's heat map over the image-token grid, row-major, `grid * grid` values. */
  saliency: { grid: number; values: number[] };
  /** The regions chosen from the heat map (computed even without refine, for display). */
  regions: RegionBox[];
  timings: StageTimings;
  /** The execution provider that ran ('webgpu', 'wasm', 'cpu', ...). */
  backend: string;
  /** The objects each caption names, with boxes, when the captioner knows them (not the learned model). */
  objects?: { coarse: NamedObject[]; refined?: NamedObject[] };
  /** Set when the model judged the picture outside its domain; both captions are then its fixed sentence. */
  outOfDomain?: OutOfDomain;
  /** Pass 1's token probabilities and whether the second look ran; only when `CaptionOptions.look` was given. */
  look?: LookReport;
}

export type { CancelCheck };
