import { useMemo } from 'react';
import { captioningWith } from '../bridge/captioner-client';
import { BackendBadge } from './BackendBadge';
import type { CaptionService } from '../capture/caption-service';
import { DEFAULT_BUNDLE_URL } from '../common/shipped-models';
import { EmbedView } from './embed/EmbedView';
import { ErrorBoundary } from './ErrorBoundary';
import { ImagesView } from './images/ImagesView';
import { LiveView, type SceneProbe } from './live/LiveView';
import { Nav } from './Nav';
import { ROUTES } from './routes';
import { useVisited } from './useVisited';
import type { ModelSwitcher } from './settings/model-switcher';
import { SettingsView } from './settings/SettingsView';
import { useModelHeading, useModelUrl } from './settings/useModelUrl';
import { useHashRoute } from './useHashRoute';
import { VideoView } from './video/VideoView';
import { type StatusSource, useClientStatus } from './useClientStatus';
import './app.css';

/** The shell: header with the backend badge, navigation, and the current place inside an error boundary. */
export function App({
  client,
  service = null,
  models = null,
  sceneProbe,
}: {
  /** The worker's client: the one status the shell shows (src/bridge/client-status.ts). */
  client: StatusSource;
  service?: CaptionService | null;
  /** The model picker's store; null hides the picker. */
  models?: ModelSwitcher | null;
  /** The test build's hook on the demo camera's true scene (src/testing); absent in the app. */
  sceneProbe?: SceneProbe;
}) {
  const status = useClientStatus(client);
  const inUse = useModelUrl(models, DEFAULT_BUNDLE_URL);
  const heading = useModelHeading(models, DEFAULT_BUNDLE_URL);
  // Until a model captions, the views name the one loading (e.g. ?model=world), not the default.
  const bundleUrl = captioningWith(status) ? inUse : heading;
  const routeId = useHashRoute();
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];
  // The Images view stays mounted (hidden) once opened, so its cards and a running batch survive a visit to
  // another place; the other views are cheap to rebuild, and Live must let go of the camera when left.
  const keepImages = useVisited(route.id === 'images');
  // The same for Video: a video being captioned goes on while the user looks elsewhere.
  const keepVideo = useVisited(route.id === 'video');
  // Offered where the world model says a picture is not a world scene (result.outOfDomain).
  const useDefaultModel = useMemo(() => (models ? () => void models.useDefault() : null), [models]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <h1 className="brand">Glance</h1>
        <Nav current={route.id} />
        <BackendBadge status={status} />
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={route.id}>
          {route.id === 'live' ? (
            <LiveView service={service} status={status} bundleUrl={bundleUrl} models={models} sceneProbe={sceneProbe} />
          ) : route.id === 'images' || route.id === 'video' ? null : route.id === 'embed' ? (
            <EmbedView modelUrl={bundleUrl === DEFAULT_BUNDLE_URL ? null : bundleUrl} />
          ) : (
            <SettingsView models={models} defaultUrl={DEFAULT_BUNDLE_URL} />
          )}
        </ErrorBoundary>
        {keepImages && (
          <div hidden={route.id !== 'images'} data-testid="images-place">
            <ErrorBoundary>
              <ImagesView
                service={service}
                status={status}
                bundleUrl={bundleUrl}
                active={route.id === 'images'}
                onUseDefaultModel={useDefaultModel}
              />
            </ErrorBoundary>
          </div>
        )}
        {keepVideo && (
          <div hidden={route.id !== 'video'} data-testid="video-place">
            <ErrorBoundary>
              <VideoView service={service} status={status} bundleUrl={bundleUrl} active={route.id === 'video'} />
            </ErrorBoundary>
          </div>
        )}
      </main>
    </div>
  );
}
