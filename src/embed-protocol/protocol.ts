/**
 * The embed widget's postMessage protocol, version 1 (docs/embed.md). Shared by the widget (src/embed) and the
 * host script (src/host): plain data only, every message carries `v: 1`. A breaking change bumps `v`; fields
 * may be added to widget -> host messages within a version, never to host -> widget ones (the widget refuses
 * unknown fields, see validate-message.ts).
 */

/** The protocol version this code speaks. */
export const PROTOCOL_VERSION = 1;

/** How the widget gets pictures: a webcam, the built-in demo camera, or only images the host sends. */
export type EmbedMode = 'camera' | 'demo' | 'image';

export type EmbedStyle = 'short' | 'detailed';

export type EmbedTheme = 'light' | 'dark';

/** What the widget runs on, sent with 'ready'. */
export interface EmbedInfo {
  protocol: typeof PROTOCOL_VERSION;
  mode: EmbedMode;
  /** The execution provider in use. */
  backend: 'webgpu' | 'wasm';
  /** ORT's WASM threads: 1 when the widget is not cross-origin isolated (SharedArrayBuffer is missing). */
  wasmThreads: number;
  /** Whether the widget's frame is cross-origin isolated (needs the host's isolation and allow="cross-origin-isolated"). */
  crossOriginIsolated: boolean;
  /** The loaded model: its folder URL and name. */
  model: { url: string; name: string };
  /** The settings captions are made with now. */
  refine: boolean;
  style: EmbedStyle;
}

/** A region the second look used, in pixels of the captioned picture. */
export interface EmbedRegion {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Share of the heat map at that region, 0..1. */
  score: number;
}

/** widget -> host: the widget is loaded and listening; captions can be asked for. */
export interface ReadyMessage {
  v: 1;
  type: 'ready';
  info: EmbedInfo;
}

/** widget -> host: model loading progress (download bytes, then session compile, then warm-up). */
export interface ProgressMessage {
  v: 1;
  type: 'progress';
  phase: 'download' | 'session' | 'warmup' | 'ready';
  /** Bytes of the model so far and in all (null while unknown). */
  loadedBytes: number;
  totalBytes: number | null;
}

/** An object a caption names (CaptionMessage.objects). */
export interface EmbedObject {
  name: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
  hedged: boolean;
}

/** widget -> host: a caption, of a live frame (no id) or of an image the host sent (its id). */
export interface CaptionMessage {
  v: 1;
  type: 'caption';
  /** The id of the host's 'caption-image' request; absent for live frames. */
  id?: string;
  /** The caption to show: the refined one when the second look ran, else the coarse one. */
  text: string;
  coarse: string;
  /** null when refine was off. */
  refined: string | null;
  regions: EmbedRegion[];
  /**
   * The objects `text` names, where the model knows their boxes (the real-world model; absent for others): the
   * caption's word for each, its COCO class, its box in the captioned picture's pixels, the detector's score, and
   * whether the caption hedges it ("what looks like").
   */
  objects?: EmbedObject[];
  /** How long the caption took, ms (decode + both passes). */
  time: number;
  /** Size of the captioned picture, pixels (regions are in these). */
  width: number;
  height: number;
}

/** widget -> host: something failed. With `id`: that image request failed; without: loading or a live frame. */
export interface ErrorMessage {
  v: 1;
  type: 'error';
  /** A stable name: ModelFetchError, ModelFormatError, ImageDecodeError, CameraError, ... */
  name: string;
  message: string;
  id?: string;
  /** True when the widget cannot caption at all (the model failed to load): `ready` will not come. */
  fatal?: boolean;
}

export type WidgetMessage = ReadyMessage | ProgressMessage | CaptionMessage | ErrorMessage;

/** host -> widget: caption this image; the answer is a 'caption' or 'error' message with the same id. */
export interface CaptionImageMessage {
  v: 1;
  type: 'caption-image';
  /** Chosen by the host, 1-64 characters; unique among its pending requests. */
  id: string;
  /** The encoded image (PNG, JPEG, WebP, ...), at most MAX_IMAGE_BYTES. */
  image: Blob | ArrayBuffer;
}

/** host -> widget: stop captioning live frames (images the host sends are still captioned). */
export interface PauseMessage {
  v: 1;
  type: 'pause';
}

/** host -> widget: caption live frames again. */
export interface ResumeMessage {
  v: 1;
  type: 'resume';
}

/** host -> widget: change how captions are made, from the next caption on. */
export interface SettingsMessage {
  v: 1;
  type: 'settings';
  refine?: boolean;
  style?: EmbedStyle;
}

export type HostMessage = CaptionImageMessage | PauseMessage | ResumeMessage | SettingsMessage;

/** Largest image a host may send, bytes (the widget refuses bigger ones unread). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

/** Longest request id, characters. */
export const MAX_ID_LENGTH = 64;
