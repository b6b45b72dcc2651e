import { backendLabel } from './backend-label';
import type { RuntimeStatus } from './runtime-status';

/** The live backend, as the worker observed it; the title carries the reason or the error. */
export function BackendBadge({ status }: { status: RuntimeStatus }) {
  const title =
    status.state === 'ready'
      ? (status.info.reason ?? '')
      : status.state === 'error'
        ? `${status.error.name}: ${status.error.message}`
        : 'Loading the model runtime';
  return (
    <span className={`badge badge-${status.state}`} data-testid="backend-badge" title={title} role="status">
      {backendLabel(status)}
    </span>
  );
}
