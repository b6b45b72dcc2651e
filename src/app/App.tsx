import { BackendBadge } from './BackendBadge';
import type { CaptionService } from './captioning/caption-service';
import { DEFAULT_BUNDLE_URL } from './config';
import { ErrorBoundary } from './ErrorBoundary';
import { ImagesView } from './images/ImagesView';
import { LiveView } from './live/LiveView';
import { Nav } from './Nav';
import { PlaceholderView } from './PlaceholderView';
import { ROUTES } from './routes';
import type { RuntimeStatusStore } from './runtime-status';
import { useHashRoute } from './useHashRoute';
import { useRuntimeStatus } from './useRuntimeStatus';
import './app.css';

/** The shell: header with the backend badge, navigation, and the current place inside an error boundary. */
export function App({ runtime, service = null }: { runtime: RuntimeStatusStore; service?: CaptionService | null }) {
  const status = useRuntimeStatus(runtime);
  const routeId = useHashRoute();
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];
  // Views get the service once a captioner bundle is ready (the fixture bundle only proves the runtime).
  const captioner = status.state === 'ready' && status.info.bundle?.captioner ? service : null;
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
            <LiveView service={captioner} status={status} bundleUrl={DEFAULT_BUNDLE_URL} />
          ) : route.id === 'images' ? (
            <ImagesView service={captioner} status={status} bundleUrl={DEFAULT_BUNDLE_URL} />
          ) : (
            <PlaceholderView title={route.label} blurb={route.blurb} />
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}
