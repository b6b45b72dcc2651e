import { captioningWith, type ClientStatus } from '../../bridge/captioner-client';
import { formatBytes } from '../../common/format';
import { modelLabel } from './model-label';
import { ProgressBar } from './ProgressBar';

/** What a load phase means to a user; unknown phases (a newer worker) read as "Preparing". */
const PHASE_TEXT: Record<string, string> = {
  download: 'Downloading the model',
  session: 'Preparing the model',
  warmup: 'Warming up',
  ready: 'Warming up',
};

/**
 * The model's state above a view: download progress in bytes with a bar on first load, then its name, what it
 * was trained on and a link to its model card. "Ready" shows only once the runtime says so (after warm-up), and
 * stays while another model loads (Settings shows that load). A worker crash is said, then its reload's progress.
 */
export function ModelStatus({ status, bundleUrl }: { status: ClientStatus; bundleUrl: string }) {
  const label = modelLabel(bundleUrl);
  const about = (
    <span className="model-about">
      {label.name}, {label.trainedOn}
      {label.cardUrl && (
        <>
          {' '}
          (<a href={label.cardUrl}>model card</a>)
        </>
      )}
    </span>
  );
  if (captioningWith(status)) {
    return (
      <p className="model-status model-ready" data-testid="model-status" data-state="ready">
        <strong>Ready.</strong> {about}
      </p>
    );
  }
  if (status.state === 'error') {
    return (
      <div className="model-status model-error" role="alert" data-testid="model-status" data-state="error">
        <strong>The model could not be loaded.</strong> {status.error.name}: {status.error.message}
      </div>
    );
  }
  if (status.state === 'crashed') {
    return (
      <div className="model-status model-error" role="alert" data-testid="model-status" data-state="crashed">
        <strong>The captioner stopped</strong> ({status.error.message}). Restarting it…
      </div>
    );
  }
  const progress = status.state === 'loading' || status.state === 'restarting' ? status.progress : null;
  const restarting = status.state === 'restarting';
  const phase = progress ? (PHASE_TEXT[progress.phase] ?? 'Preparing the model') : 'Starting';
  const bytes =
    progress && progress.phase === 'download'
      ? progress.totalBytes
        ? `${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`
        : formatBytes(progress.loadedBytes)
      : '';
  const downloading = progress?.phase === 'download';
  return (
    <div
      className="model-status model-loading"
      data-testid="model-status"
      data-state={restarting ? 'restarting' : 'loading'}
    >
      <p>
        {restarting && 'Restarting after a crash. '}
        {phase}
        {bytes && `: ${bytes}`}… {about}
      </p>
      <ProgressBar
        label="Model download"
        value={downloading ? progress.loadedBytes : 1}
        max={downloading ? progress.totalBytes : null}
        valueText={bytes || phase}
        testId="model-progress"
      />
    </div>
  );
}
