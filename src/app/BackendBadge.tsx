import { captioningWith, type ClientStatus } from '../bridge/captioner-client';
import { backendLabel, backendTitle } from './backend-label';

/** The live backend, as the worker observed it; the title carries the reason or the error. */
export function BackendBadge({ status }: { status: ClientStatus }) {
  const tone = captioningWith(status) ? 'ready' : status.state;
  return (
    <span className={`badge badge-${tone}`} data-testid="backend-badge" title={backendTitle(status)} role="status">
      {backendLabel(status)}
    </span>
  );
}
