/**
 * The widget's state and its answers to the host, without React or the DOM: loads the model once, captions
 * images (from the host or the user), turns live captions into messages, and applies pause, resume and
 * settings. An external store for useSyncExternalStore; the live capture itself lives in the view (it needs
 * a video element) and reports here.
 */
import type { CaptionerClient, LoadProgress, RuntimeInfo } from '../bridge/captioner-client';
import type { CaptionOptions, CaptionResult } from '../core/caption-types';
import type { EmbedParams } from './embed-params';
import type { EmbedInfo, EmbedStyle, HostMessage, WidgetMessage } from '../embed-protocol/protocol';
import { toCaptionMessage, toEmbedInfo, toErrorMessage, toProgressMessage } from './to-messages';

/** Host images waiting or running at once; more are refused with BusyError (a flood must not fill memory). */
export const MAX_PENDING_IMAGES = 8;

/** The bridge calls the session uses. */
export type WidgetClient = Pick<CaptionerClient, 'load' | 'caption'>;

export interface PlainError {
  name: string;
  message: string;
}

export type WidgetModelState =
  | { state: 'loading'; progress: LoadProgress | null }
  | { state: 'ready'; info: EmbedInfo }
  | { state: 'error'; error: PlainError };

/** The latest caption on show. */
export interface ShownCaption {
  text: string;
  /** Which picture it describes: a live frame, or an image (with the host's request id when the host sent it). */
  source: 'live' | 'image';
  id?: string;
}

export interface WidgetSnapshot {
  model: WidgetModelState;
  paused: boolean;
  refine: boolean;
  style: EmbedStyle;
  caption: ShownCaption | null;
  /** The last failure of a caption (the model state has its own). */
  lastError: PlainError | null;
  /** Images waiting or being captioned. */
  pendingImages: number;
  /** An object URL of the last image given to caption (host-sent or picked), to show it; the previous is revoked. */
  imageUrl: string | null;
}

export class WidgetSession {
  private snapshot: WidgetSnapshot;
  private readonly listeners = new Set<() => void>();
  private loading: Promise<RuntimeInfo> | null = null;

  constructor(
    private readonly client: WidgetClient,
    private readonly params: EmbedParams,
    /** The bundle to load: params.model or the app's default. */
    private readonly modelUrl: string,
    private readonly post: (message: WidgetMessage) => void,
  ) {
    this.snapshot = {
      model: { state: 'loading', progress: null },
      paused: false,
      refine: params.refine,
      style: params.style,
      caption: null,
      lastError: null,
      pendingImages: 0,
      imageUrl: null,
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): WidgetSnapshot => this.snapshot;

  /** Loads the model once (later calls share the first load); posts progress, then ready or an error. */
  start(): Promise<RuntimeInfo> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** Options for the next caption (settings apply from the next frame on). */
  options(): CaptionOptions {
    return { refine: this.snapshot.refine, style: this.snapshot.style };
  }

  /** A message from the host, already checked by the channel. */
  handle(message: HostMessage): void {
    switch (message.type) {
      case 'caption-image': {
        const image = message.image instanceof Blob ? message.image : new Blob([message.image]);
        void this.captionImage(image, message.id);
        return;
      }
      case 'pause':
        this.set({ paused: true });
        return;
      case 'resume':
        this.set({ paused: false });
        return;
      case 'settings': {
        const patch: Partial<WidgetSnapshot> = {};
        if (message.refine !== undefined) patch.refine = message.refine;
        if (message.style !== undefined) patch.style = message.style;
        this.set(patch);
      }
    }
  }

  /**
   * Captions an encoded image (sent by the host with `id`, or picked by the user without one) and posts the
   * caption or the error. Waits for the model; never rejects.
   */
  async captionImage(image: Blob, id?: string): Promise<void> {
    if (this.snapshot.pendingImages >= MAX_PENDING_IMAGES) {
      const busy = { name: 'BusyError', message: `${MAX_PENDING_IMAGES} images are already waiting; try again later` };
      this.post(toErrorMessage(busy, id));
      return;
    }
    if (this.snapshot.imageUrl) URL.revokeObjectURL(this.snapshot.imageUrl);
    this.set({ pendingImages: this.snapshot.pendingImages + 1, imageUrl: URL.createObjectURL(image) });
    try {
      await this.start();
      const result = await this.client.caption(image, this.options());
      this.showCaption(result, result.frame, 'image', id);
    } catch (error) {
      this.fail(error, id);
    } finally {
      this.set({ pendingImages: this.snapshot.pendingImages - 1 });
    }
  }

  /** A live frame's caption from the view's capture loop. */
  liveCaption(result: CaptionResult, frame: { width: number; height: number }): void {
    this.showCaption(result, frame, 'live');
  }

  /** A live frame failed (the loop goes on). */
  liveError(error: unknown): void {
    this.fail(error);
  }

  /** A problem the view found (a refused camera, bad URL parameters): shown and sent to the host. */
  report(error: PlainError): void {
    this.fail(error);
  }

  private async load(): Promise<RuntimeInfo> {
    try {
      const info = await this.client.load(this.modelUrl, (progress) => {
        this.set({ model: { state: 'loading', progress } });
        this.post(toProgressMessage(progress));
      });
      if (!info.bundle?.captioner) {
        const name = info.bundle?.name ?? this.modelUrl;
        throw Object.assign(new Error(`the model '${name}' is not a captioner bundle (docs/model-format.md)`), {
          name: 'ModelFormatError',
        });
      }
      const embedInfo = toEmbedInfo(info, {
        mode: this.params.mode,
        refine: this.params.refine,
        style: this.params.style,
      });
      this.set({ model: { state: 'ready', info: embedInfo } });
      this.post({ v: 1, type: 'ready', info: embedInfo });
      return info;
    } catch (error) {
      const message = toErrorMessage(error);
      this.set({ model: { state: 'error', error: { name: message.name, message: message.message } } });
      this.post({ ...message, fatal: true });
      throw error;
    }
  }

  private showCaption(
    result: CaptionResult,
    frame: { width: number; height: number },
    source: 'live' | 'image',
    id?: string,
  ): void {
    const message = toCaptionMessage(result, frame, id);
    this.set({ caption: { text: message.text, source, ...(id !== undefined ? { id } : {}) }, lastError: null });
    this.post(message);
  }

  private fail(error: unknown, id?: string): void {
    const message = toErrorMessage(error, id);
    this.set({ lastError: { name: message.name, message: message.message } });
    this.post(message);
  }

  private set(patch: Partial<WidgetSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}
