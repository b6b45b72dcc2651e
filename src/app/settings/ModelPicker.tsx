import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { formatBytes } from '../../common/format';
import { modelLabel } from '../common/model-label';
import { ProgressBar } from '../common/ProgressBar';
import type { ModelSwitcher } from './model-switcher';

/**
 * Picks the model: the shipped one or any bundle URL / Hugging Face-style repo. The new model loads completely
 * before it replaces the current one; a bundle that does not follow docs/model-format.md is refused with the
 * loader's message (which file, what is wrong), and the current model stays in use.
 */
export function ModelPicker({ models, defaultUrl }: { models: ModelSwitcher; defaultUrl: string }) {
  const state = useSyncExternalStore(models.subscribe, models.getModelState);
  const [url, setUrl] = useState('');
  const inputId = useId();
  const hintId = useId();
  const label = modelLabel(state.bundleUrl);
  const loading = state.change.state === 'loading';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = url.trim();
    if (wanted) void models.switchTo(wanted);
  };

  return (
    <section className="panel settings-model" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`}>Model</h3>
      <p data-testid="current-model" data-url={state.bundleUrl}>
        In use: <strong>{label.name}</strong> <span className="muted">({state.bundleUrl})</span>
      </p>
      {state.notice && (
        <p role="status" data-testid="model-notice">
          {state.notice}.
        </p>
      )}
      <form className="model-form" onSubmit={submit}>
        <label htmlFor={inputId}>Model URL</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-describedby={hintId}
          placeholder="https://huggingface.co/org/name or https://host/models/name/"
        />
        <button type="submit" disabled={loading || url.trim() === ''}>
          Load model
        </button>
        <button type="button" disabled={loading || state.isDefault} onClick={() => void models.switchTo(defaultUrl)}>
          Use the shipped model
        </button>
      </form>
      <p id={hintId} className="muted">
        A folder with config.json, tokenizer.json and onnx/ (docs/model-format.md), or a Hugging Face repo (org/name).
        The current model keeps working until the new one is ready.
      </p>
      <ChangeStatus
        change={state.change}
        current={label.name}
        onAgree={(url) => void models.switchTo(url, { allowLargeDownload: true })}
      />
    </section>
  );
}

function ChangeStatus({
  change,
  current,
  onAgree,
}: {
  change: ReturnType<ModelSwitcher['getModelState']>['change'];
  current: string;
  /** The user agrees to a download over 500 MB of the model at this URL. */
  onAgree: (url: string) => void;
}) {
  if (change.state === 'idle') return null;
  if (change.state === 'failed' && change.error.name === 'LargeDownloadError') {
    return (
      <div className="model-change" role="alert" data-testid="model-change" data-state="asking">
        <strong>{change.error.message}.</strong> Still using {current}.{' '}
        <button type="button" onClick={() => onAgree(change.url)}>
          Download it
        </button>
      </div>
    );
  }
  if (change.state === 'failed') {
    return (
      <div className="model-change model-change-failed" role="alert" data-testid="model-change" data-state="failed">
        <strong>{change.url} could not be loaded.</strong> {change.error.name}: {change.error.message}
        <br />
        Still using {current}.
      </div>
    );
  }
  const p = change.progress;
  const bytes =
    p?.phase === 'download'
      ? `${formatBytes(p.loadedBytes)}${p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''}`
      : (p?.phase ?? 'starting');
  return (
    <div className="model-change" data-testid="model-change" data-state="loading">
      <p>
        Loading {change.url}: {bytes}
      </p>
      <ProgressBar
        label="New model download"
        value={p?.phase === 'download' ? p.loadedBytes : 1}
        max={p?.phase === 'download' ? p.totalBytes : null}
        valueText={bytes}
      />
    </div>
  );
}
