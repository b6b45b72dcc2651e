import { useCallback, useEffect, useState } from 'react';
import { formatBytes } from '../../common/format';
import { clearCachedModels, readCacheReport, type CacheReport } from './model-cache';

/**
 * What is stored for offline use: each cached model with its size, a button to remove it or all of them, and the
 * app's own files. `refreshKey` changing (a model loaded) and the service worker taking control (its precache is
 * done) read the caches again.
 */
export function OfflineStorage({ refreshKey }: { refreshKey: string }) {
  const [report, setReport] = useState<CacheReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const available = typeof caches !== 'undefined';

  const refresh = useCallback(async () => {
    if (!available) return;
    try {
      setReport(await readCacheReport(caches));
      setProblem(null);
    } catch (error) {
      setProblem(`The cache could not be read: ${(error as Error).message}`);
    }
  }, [available]);

  useEffect(() => {
    let live = true;
    if (available) {
      readCacheReport(caches).then(
        (r) => live && setReport(r),
        (error: Error) => live && setProblem(`The cache could not be read: ${error.message}`),
      );
    }
    return () => {
      live = false;
    };
  }, [available, refreshKey]);

  // The service worker precaches the app's files after the first model load has settled (src/sw/register.ts), often
  // after this view read the caches: read them again when it takes control of the page.
  useEffect(() => {
    const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
    if (!available || !container) return;
    const onControllerChange = () => void refresh();
    container.addEventListener('controllerchange', onControllerChange);
    return () => container.removeEventListener('controllerchange', onControllerChange);
  }, [available, refresh]);

  const clear = async (baseUrl?: string) => {
    await clearCachedModels(caches, baseUrl);
    await refresh();
  };

  return (
    <section className="panel settings-storage" aria-labelledby="storage-title">
      <h3 id="storage-title">Offline and storage</h3>
      {!available ? (
        <p>This browser offers no Cache API here: models are downloaded on every visit.</p>
      ) : (
        <>
          <p className="muted">
            Models are kept after their first download, so the app works without a network. The app itself takes{' '}
            <span data-testid="shell-bytes">{report ? formatBytes(report.shellBytes) : '…'}</span>.
          </p>
          {report && report.models.length === 0 && <p data-testid="no-cached-models">No models are cached.</p>}
          {report && report.models.length > 0 && (
            <ul className="cached-models" data-testid="cached-models">
              {report.models.map((m) => (
                <li key={m.baseUrl} data-testid="cached-model" data-url={m.baseUrl}>
                  <span className="cached-url">{m.baseUrl}</span>{' '}
                  <span className="cached-size">
                    {formatBytes(m.bytes)} in {m.files} {m.files === 1 ? 'file' : 'files'}
                  </span>{' '}
                  <button type="button" onClick={() => void clear(m.baseUrl)} aria-label={`Remove ${m.baseUrl}`}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="button-row">
            <button type="button" onClick={() => void clear()} disabled={!report || report.models.length === 0}>
              Clear cached models
            </button>
          </div>
          {problem && <p role="alert">{problem}</p>}
        </>
      )}
    </section>
  );
}
