import { downloadText, timestampedName } from '../common/download';
import { formatClock, formatMs } from '../../common/format';
import { entryText, listedEntries, toLogJson, toWebVtt, type LogEntry } from './caption-log';

/** The session's captions, newest first, with exports. A log, not a live region (the Announcer speaks). */
export function CaptionLog({
  log,
  sessionMs,
  sessionWallStart,
  source,
}: {
  log: readonly LogEntry[];
  /** Session time now, ms: the last cue's end. */
  sessionMs: () => number;
  sessionWallStart: () => number;
  source: string;
}) {
  const exportVtt = () =>
    downloadText(timestampedName('glance-live', Date.now(), 'vtt'), toWebVtt(log, sessionMs()), 'text/vtt');
  const exportJson = () =>
    downloadText(
      timestampedName('glance-live', Date.now(), 'json'),
      toLogJson(log, { startedAtWallMs: sessionWallStart(), source }),
      'application/json',
    );
  const listed = listedEntries(log);
  return (
    <section className="panel caption-log" aria-labelledby="log-title">
      <div className="panel-head">
        <h3 id="log-title">Caption log</h3>
        <div className="button-row">
          <button type="button" onClick={exportVtt} disabled={log.length === 0}>
            Export WebVTT
          </button>
          <button type="button" onClick={exportJson} disabled={log.length === 0}>
            Export JSON
          </button>
        </div>
      </div>
      {log.length === 0 ? (
        <p className="muted">Captions will be listed here with their times.</p>
      ) : (
        <ol className="log-list" reversed start={log.length} data-testid="caption-log">
          {listed.map((entry) => (
            <li key={`${entry.atMs}-${entry.wallMs}`}>
              <time dateTime={new Date(entry.wallMs).toISOString()}>{formatClock(entry.wallMs)}</time>{' '}
              <span>{entryText(entry)}</span> <span className="muted">({formatMs(entry.latencyMs)})</span>
            </li>
          ))}
        </ol>
      )}
      {log.length > listed.length && (
        <p className="muted" data-testid="log-listed-note">
          Listing the newest {listed.length} of {log.length} captions; the exports hold all of them.
        </p>
      )}
    </section>
  );
}
