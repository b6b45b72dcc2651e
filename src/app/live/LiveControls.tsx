import { LayerSwitches } from '../common/LayerSwitches';
import type { Settings } from '../common/settings';

/** Pause/resume and the caption and overlay settings. Every control is a real, labelled form control. */
export function LiveControls({
  settings,
  onChange,
  paused,
  onPause,
  canPause,
  canSpeak,
}: {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  paused: boolean;
  onPause: (paused: boolean) => void;
  canPause: boolean;
  canSpeak: boolean;
}) {
  return (
    <fieldset className="live-controls">
      <legend>Captions</legend>
      <div className="button-row">
        <button type="button" onClick={() => onPause(!paused)} disabled={!canPause} aria-pressed={paused}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={settings.refine} onChange={(e) => onChange({ refine: e.target.checked })} />
        Refine (second look)
      </label>
      <label className="field">
        Style
        <select
          value={settings.style}
          onChange={(e) => onChange({ style: e.target.value === 'short' ? 'short' : 'detailed' })}
        >
          <option value="detailed">Detailed</option>
          <option value="short">Short</option>
        </select>
      </label>
      <LayerSwitches settings={settings} onChange={onChange} />
      <label className="check">
        <input
          type="checkbox"
          checked={settings.speak}
          disabled={!canSpeak}
          onChange={(e) => onChange({ speak: e.target.checked })}
        />
        Speak captions{canSpeak ? '' : ' (not available in this browser)'}
      </label>
    </fieldset>
  );
}
