import type { Settings } from './settings';

/** The overlay layers a user can switch, each a setting, in the order the views show them. */
const LAYERS = [
  { key: 'showHeatmap', label: 'Heat map' },
  { key: 'showBoxes', label: 'Region boxes' },
  { key: 'showObjects', label: 'Object names' },
] as const;

/** One labelled checkbox per overlay layer (Live and Images show the same three). */
export function LayerSwitches({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}) {
  return (
    <>
      {LAYERS.map(({ key, label }) => (
        <label className="check" key={key}>
          <input type="checkbox" checked={settings[key]} onChange={(e) => onChange({ [key]: e.target.checked })} />
          {label}
        </label>
      ))}
    </>
  );
}
