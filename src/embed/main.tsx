/**
 * The embed widget's entry (embed.html). It runs its own captioner worker and talks to the host page only
 * through the postMessage protocol (host-channel.ts): comlink and the worker are never exposed to the host.
 */
import { createRoot } from 'react-dom/client';
import { bridgeCaptionService } from '../capture/bridge-caption-service';
import { DEFAULT_BUNDLE_URL } from '../common/shipped-models';
import { backendPreferenceFrom } from '../bridge/backend-preference';
import { CaptionerClient } from '../bridge/captioner-client';
import { registerServiceWorker } from '../sw/register';
import { EmbedApp } from './EmbedApp';
import { parseEmbedParams } from './embed-params';
import { HostChannel } from './host-channel';
import { installEmbedTestHook } from './embed-test-hook';
import { WidgetSession } from './widget-session';

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
session = new WidgetSession(client, params, params.model ?? DEFAULT_BUNDLE_URL, (message) => channel.post(message));
if (params.problems.length > 0) {
  session.report({ name: 'InvalidParameterError', message: params.problems.join(' ') });
}
installEmbedTestHook({ client, channel, session });
registerServiceWorker(session.start());

createRoot(document.getElementById('root')!).render(
  <EmbedApp session={session} service={bridgeCaptionService(client)} params={params} />,
);
