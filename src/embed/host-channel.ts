/**
 * The widget's one line to its host page. Messages are accepted only when they come from the configured host
 * origin (exact match of `event.origin`), from the parent window, and have a valid shape; everything else is
 * ignored, counted and logged (console.info: never an error, a page cannot stop strangers from posting).
 * Messages go out only to the parent with the configured origin as targetOrigin, never '*': if the parent has
 * navigated to another origin, the browser drops them.
 */
import type { HostMessage, WidgetMessage } from '../embed-protocol/protocol';
import { parseHostMessage } from '../embed-protocol/validate-message';

/** The parts of `window` the channel uses (a fake in tests). */
export interface ChannelWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The parent window, as far as posting goes. */
export interface ChannelTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Why messages were ignored, counted (the e2e suite reads these through the widget's test hook). */
export interface IgnoredStats {
  total: number;
  wrongOrigin: number;
  wrongSource: number;
  badShape: number;
  /** The last few reasons, newest last. */
  recent: string[];
}

export interface HostChannelOptions {
  window: ChannelWindow;
  /** window.parent; null or the window itself when the widget is not framed (then nothing is sent). */
  parent: ChannelTarget | null;
  /** The only origin listened to and posted to; null = standalone. */
  hostOrigin: string | null;
  onMessage: (message: HostMessage) => void;
  /** Where ignored messages are logged; default console.info, rate-limited. */
  log?: (line: string) => void;
}

/** Reasons kept in IgnoredStats.recent. */
const RECENT_REASONS = 10;
/** Log lines for ignored messages: the first ones, then one per this many (a flood must not flood the console). */
const LOG_EVERY = 100;
const LOG_FIRST = 5;

export class HostChannel {
  readonly ignored: IgnoredStats = { total: 0, wrongOrigin: 0, wrongSource: 0, badShape: 0, recent: [] };
  private readonly log: (line: string) => void;
  private closed = false;

  constructor(private readonly options: HostChannelOptions) {
    this.log = options.log ?? ((line) => console.info(line));
    options.window.addEventListener('message', this.onMessage);
  }

  /** True when there is a host to talk to. */
  get connected(): boolean {
    return this.options.hostOrigin !== null && this.options.parent !== null && !this.closed;
  }

  /** Sends a message to the host; false when there is none (standalone or closed). */
  post(message: WidgetMessage): boolean {
    if (!this.connected) return false;
    this.options.parent!.postMessage(message, this.options.hostOrigin!);
    return true;
  }

  close(): void {
    this.closed = true;
    this.options.window.removeEventListener('message', this.onMessage);
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const { hostOrigin, parent } = this.options;
    if (hostOrigin === null || event.origin !== hostOrigin) {
      this.ignore('wrongOrigin', `message from ${event.origin || 'an unknown origin'} (listening to ${hostOrigin})`);
      return;
    }
    if (parent === null || event.source !== (parent as unknown)) {
      this.ignore('wrongSource', `message from ${event.origin} but not from the parent window`);
      return;
    }
    const parsed = parseHostMessage(event.data);
    if (!parsed.ok) {
      this.ignore('badShape', `malformed message from ${event.origin}: ${parsed.reason}`);
      return;
    }
    this.options.onMessage(parsed.message);
  };

  private ignore(kind: 'wrongOrigin' | 'wrongSource' | 'badShape', reason: string): void {
    const stats = this.ignored;
    stats.total++;
    stats[kind]++;
    stats.recent = [...stats.recent.slice(-(RECENT_REASONS - 1)), reason];
    if (stats.total <= LOG_FIRST || stats.total % LOG_EVERY === 0) {
      this.log(`Glance embed: ignored ${reason} (${stats.total} ignored so far)`);
    }
  }
}
