/**
 * Starts the embed widget (embed.html). It runs its own captioner worker and talks to the host page only
 * through the postMessage protocol (host-channel.ts): comlink and the worker are never exposed to the host.
 */
import { createRoot } from 'react-dom/client';
import { bridgeCaptionService } from '../capture/bridge-caption-service';
import { currentBundleUrl } from '../common/retired-bundles';
import { DEFAULT_BUNDLE_URL, SHIPPED_MODEL_URLS } from '../common/shipped-models';
import { backendPreferenceFrom } from '../bridge/backend-preference';
import { CaptionerClient } from '../bridge/captioner-client';
import { registerServiceWorker } from '../sw/register';
import { EmbedApp } from './EmbedApp';
import { parseEmbedParams } from './embed-params';
import { HostChannel } from './host-channel';
import { WidgetSession } from './widget-session';

/** The widget's parts, for the test build's entry (src/testing/embed-main.tsx). */
export interface StartedWidget {
  client: CaptionerClient;
  channel: HostChannel;
  session: WidgetSession;
}

/** Starts the widget: its worker, the host channel, the session (which loads the model), the view. */
export function startWidget(): StartedWidget {
  const params = parseEmbedParams(window.location.search);
  const client = new CaptionerClient(backendPreferenceFrom(window.location.search));
  // Framed: the parent is the host. Opened on its own (window.parent === window): standalone, no messages.
  const framed = window.parent !== window;
  let session: WidgetSession | null = null;
  const channel = new HostChannel({
    window,
    parent: framed ? window.parent : null,
    hostOrigin: framed ? params.hostOrigin : null,
    onMessage: (message) => session?.handle(message),
  });
  // `model`: a shipped model's short name ('real', the default, or 'world'), or a bundle URL.
  // A retired bundle's URL (an embed page written before a model was retrained) loads its successor.
  const modelUrl =
    params.model === null
      ? DEFAULT_BUNDLE_URL
      : (SHIPPED_MODEL_URLS[params.model] ?? currentBundleUrl(params.model, window.location.href));
  session = new WidgetSession(client, params, modelUrl, (message) => channel.post(message));
  if (params.problems.length > 0) {
    session.report({ name: 'InvalidParameterError', message: params.problems.join(' ') });
  }
  registerServiceWorker(session.start());

  createRoot(document.getElementById('root')!).render(
    <EmbedApp session={session} service={bridgeCaptionService(client)} params={params} />,
  );
  return { client, channel, session };
}
