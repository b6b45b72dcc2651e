import { BackendBadge } from './BackendBadge';
import { ErrorBoundary } from './ErrorBoundary';
import { Nav } from './Nav';
import { PlaceholderView } from './PlaceholderView';
import { ROUTES } from './routes';
import type { RuntimeStatusStore } from './runtime-status';
import { useHashRoute } from './useHashRoute';
import { useRuntimeStatus } from './useRuntimeStatus';
import './app.css';

/** The shell: header with the backend badge, navigation, and the current place inside an error boundary. */
export function App({ runtime }: { runtime: RuntimeStatusStore }) {
  const status = useRuntimeStatus(runtime);
  const routeId = useHashRoute();
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];
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
          <PlaceholderView title={route.label} blurb={route.blurb} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
