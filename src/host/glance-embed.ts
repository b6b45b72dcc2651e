/**
 * The host script: what a page that embeds Glance includes (built to `<base>embed/glance-embed.js`, which sets
 * `window.Glance`; the app imports it as a module). `Glance.mount(element, { src, mode, ... })` adds the widget's
 * iframe and returns a GlanceWidget: a promise for ready, events, and commands. It talks to the widget only by
 * postMessage (protocol v1, docs/embed.md): messages go to the widget's origin, never '*', and only messages
 * from that origin and that iframe's window, with a valid shape, are read.
 */
import {
  PROTOCOL_VERSION,
  type CaptionMessage,
  type EmbedInfo,
  type EmbedMode,
  type EmbedStyle,
  type EmbedTheme,
  type ErrorMessage,
  type HostMessage,
  type ProgressMessage,
  type WidgetMessage,
} from '../embed-protocol/protocol';
import { parseHostMessage, parseWidgetMessage } from '../embed-protocol/validate-message';

export interface MountOptions {
  /** URL of the widget page (`https://glance.example/embed.html`); relative URLs resolve against this page. */
  src: string;
  /** Default 'image'. 'camera' asks for the camera permission (the iframe gets allow="camera"). */
  mode?: EmbedMode;
  /** Run the second look. Default true. */
  refine?: boolean;
  style?: EmbedStyle;
  /** A bundle folder URL or Hugging Face-style repo; default: the widget's own default model. */
  model?: string;
  /** Default: the user's colour scheme. */
  theme?: EmbedTheme;
  /** CSS sizes of the iframe. Default 320px x 360px. */
  width?: string;
  height?: string;
  /** Accessible name of the iframe. Default 'Glance captioner'. */
  title?: string;
}

/** Events a widget emits, with their payloads. */
export interface WidgetEvents {
  ready: EmbedInfo;
  caption: CaptionMessage;
  progress: ProgressMessage;
  error: ErrorMessage;
}

/** A mounted widget. */
export interface GlanceWidget {
  readonly iframe: HTMLIFrameElement;
  /** The widget's origin: the only one messages go to and are read from. */
  readonly origin: string;
  /** Resolves with what the widget runs on once its model is loaded; rejects if it cannot load. */
  readonly ready: Promise<EmbedInfo>;
  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof WidgetEvents>(type: K, listener: (payload: WidgetEvents[K]) => void): () => void;
  /** Captions an encoded image (PNG, JPEG, ...); rejects with an Error whose `name` the widget chose. */
  caption(image: Blob | ArrayBuffer): Promise<CaptionMessage>;
  pause(): void;
  resume(): void;
  setSettings(settings: { refine?: boolean; style?: EmbedStyle }): void;
  /** Removes the iframe; pending captions reject with an AbortError. */
  destroy(): void;
}

/** Builds the widget URL: the host's origin goes in as `origin`, so the widget knows whom to talk to. */
export function widgetUrl(options: MountOptions, hostOrigin: string, base: string): URL {
  const url = new URL(options.src, base);
  const query = url.searchParams;
  query.set('mode', options.mode ?? 'image');
  if (options.refine !== undefined) query.set('refine', options.refine ? '1' : '0');
  if (options.style) query.set('style', options.style);
  if (options.model) query.set('model', options.model);
  if (options.theme) query.set('theme', options.theme);
  query.set('origin', hostOrigin);
  return url;
}

export function mount(target: Element | string, options: MountOptions): GlanceWidget {
  const container = typeof target === 'string' ? document.querySelector(target) : target;
  if (!container) throw new Error(`Glance.mount: no element matches ${String(target)}`);
  const hostOrigin = window.location.origin;
  if (!/^https?:\/\//.test(hostOrigin)) {
    throw new Error(`Glance.mount: the host page needs an http(s) origin, not ${hostOrigin}`);
  }
  const url = widgetUrl(options, hostOrigin, window.location.href);
  const origin = url.origin;

  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  iframe.title = options.title ?? 'Glance captioner';
  // Camera only where asked; cross-origin-isolated lets an isolated host lend the widget WASM threads.
  iframe.allow = options.mode === 'camera' ? 'camera; cross-origin-isolated' : 'cross-origin-isolated';
  iframe.style.width = options.width ?? '320px';
  iframe.style.height = options.height ?? '360px';
  iframe.style.border = '0';

  const listeners: { [K in keyof WidgetEvents]: Set<(payload: WidgetEvents[K]) => void> } = {
    ready: new Set(),
    caption: new Set(),
    progress: new Set(),
    error: new Set(),
  };
  const pending = new Map<string, { resolve: (c: CaptionMessage) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let destroyed = false;
  // Until the widget has spoken, its page may not be loaded yet and a message would be dropped: hold them.
  let listening = false;
  const held: HostMessage[] = [];
  let settleReady!: { resolve: (info: EmbedInfo) => void; reject: (error: Error) => void };
  const ready = new Promise<EmbedInfo>((resolve, reject) => (settleReady = { resolve, reject }));
  // A page that never awaits `ready` must not see an unhandled rejection.
  ready.catch(() => undefined);

  const emit = <K extends keyof WidgetEvents>(type: K, payload: WidgetEvents[K]) => {
    for (const listener of [...listeners[type]]) listener(payload);
  };

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== iframe.contentWindow) return;
    const parsed = parseWidgetMessage(event.data);
    if (!parsed.ok) return;
    if (!listening) {
      listening = true;
      for (const message of held.splice(0)) iframe.contentWindow?.postMessage(message, origin);
    }
    handle(parsed.message);
  };

  const handle = (message: WidgetMessage) => {
    switch (message.type) {
      case 'ready':
        settleReady.resolve(message.info);
        emit('ready', message.info);
        return;
      case 'progress':
        emit('progress', message);
        return;
      case 'caption': {
        if (message.id !== undefined) {
          pending.get(message.id)?.resolve(message);
          pending.delete(message.id);
        }
        emit('caption', message);
        return;
      }
      case 'error': {
        const error = Object.assign(new Error(message.message), { name: message.name });
        if (message.id !== undefined) {
          pending.get(message.id)?.reject(error);
          pending.delete(message.id);
        }
        if (message.fatal) settleReady.reject(error);
        emit('error', message);
      }
    }
  };

  const send = (message: HostMessage) => {
    if (destroyed) throw abortError('the widget was destroyed');
    if (listening) iframe.contentWindow?.postMessage(message, origin);
    else held.push(message);
  };

  window.addEventListener('message', onMessage);
  container.appendChild(iframe);

  return {
    iframe,
    origin,
    ready,
    on(type, listener) {
      listeners[type].add(listener);
      return () => listeners[type].delete(listener);
    },
    async caption(image) {
      await ready;
      const id = `g${++nextId}`;
      const message: HostMessage = { v: PROTOCOL_VERSION, type: 'caption-image', id, image };
      // The widget ignores a request it finds malformed (an empty or too large image) without a word: refuse it
      // here, or the promise would never settle.
      const checked = parseHostMessage(message);
      if (!checked.ok) throw Object.assign(new Error(checked.reason), { name: 'InvalidInputError' });
      return new Promise<CaptionMessage>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          send(message);
        } catch (error) {
          pending.delete(id);
          reject(error as Error);
        }
      });
    },
    pause: () => send({ v: PROTOCOL_VERSION, type: 'pause' }),
    resume: () => send({ v: PROTOCOL_VERSION, type: 'resume' }),
    setSettings: (settings) => {
      const message: HostMessage = { v: PROTOCOL_VERSION, type: 'settings' };
      if (settings.refine !== undefined) message.refine = settings.refine;
      if (settings.style !== undefined) message.style = settings.style;
      send(message);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      window.removeEventListener('message', onMessage);
      iframe.remove();
      const error = abortError('the widget was destroyed');
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
      settleReady.reject(error);
    },
  };
}

function abortError(message: string): Error {
  return Object.assign(new Error(message), { name: 'AbortError' });
}
