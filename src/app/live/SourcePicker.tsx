import type { LiveSourceKind } from '../common/settings';
import type { SourceState } from '../../capture/useMediaSource';

/** Choose the demo camera or a webcam (and which one), and start or stop it. Plain form controls. */
export function SourcePicker({
  kind,
  cameraId,
  cameras,
  source,
  onKind,
  onCamera,
  onStart,
  onStop,
}: {
  kind: LiveSourceKind;
  cameraId: string;
  cameras: { deviceId: string; label: string }[];
  source: SourceState;
  onKind: (kind: LiveSourceKind) => void;
  onCamera: (deviceId: string) => void;
  onStart: () => void;
  onStop: () => void;
}) {
  const on = source.state === 'on' || source.state === 'starting';
  return (
    <fieldset className="source-picker">
      <legend>Source</legend>
      <div className="radio-row">
        <label>
          <input type="radio" name="source" value="demo" checked={kind === 'demo'} onChange={() => onKind('demo')} />
          Demo camera (scene world)
        </label>
        <label>
          <input
            type="radio"
            name="source"
            value="webcam"
            checked={kind === 'webcam'}
            onChange={() => onKind('webcam')}
          />
          Webcam
        </label>
      </div>
      {kind === 'webcam' && (
        <label className="field">
          Camera
          <select value={cameraId} onChange={(e) => onCamera(e.target.value)} disabled={cameras.length === 0}>
            <option value="">Default camera</option>
            {cameras
              .filter((c) => c.deviceId)
              .map((c) => (
                <option key={c.deviceId} value={c.deviceId}>
                  {c.label}
                </option>
              ))}
          </select>
        </label>
      )}
      <div className="button-row">
        {on ? (
          <button type="button" onClick={onStop}>
            Stop {source.state === 'starting' ? 'starting' : 'source'}
          </button>
        ) : (
          <button type="button" className="button-primary" onClick={onStart}>
            Start {kind === 'demo' ? 'demo camera' : 'webcam'}
          </button>
        )}
      </div>
      {source.state === 'error' && (
        <div
          className="notice notice-error"
          role="alert"
          data-testid="camera-error"
          data-problem={source.message.problem}
        >
          <strong>{source.message.title}</strong> {source.message.detail}
        </div>
      )}
    </fieldset>
  );
}
