import type { CaptionerClient } from '../bridge/captioner-client';
import type { HostChannel, IgnoredStats } from '../embed/host-channel';
import type { WidgetSession, WidgetSnapshot } from '../embed/widget-session';

/** The widget's state the UI does not show, for the e2e suite. Test build only; a host cannot reach it. */
export interface GlanceEmbedTestHook {
  client: CaptionerClient;
  /** Messages the channel ignored, by reason (a live object). */
  ignored: IgnoredStats;
  snapshot(): WidgetSnapshot;
}

declare global {
  interface Window {
    __glanceEmbed?: GlanceEmbedTestHook;
  }
}

export function installEmbedTestHook(parts: { client: CaptionerClient; channel: HostChannel; session: WidgetSession }) {
  window.__glanceEmbed = {
    client: parts.client,
    ignored: parts.channel.ignored,
    snapshot: () => parts.session.getSnapshot(),
  };
}
