import { useId } from 'react';
import { VIDEO_OPTION_RANGES } from '../../core/video/video-options';
import type { VideoCaptionOptions } from '../../core/video/types';

type NumericOption = keyof typeof VIDEO_OPTION_RANGES;

/** The options of the next video: how often to look, the shortest scene, the caption style, the second look. */
export function VideoOptionsForm({
  options,
  onChange,
  disabled,
}: {
  options: VideoCaptionOptions;
  onChange: (patch: Partial<VideoCaptionOptions>) => void;
  /** While a video is being captioned: its options are fixed. */
  disabled: boolean;
}) {
  const id = useId();
  /** A seconds field bounded by core's ranges (normaliseVideoOptions clamps whatever is typed to the same). */
  const seconds = (field: NumericOption, label: string, step: number) => (
    <label htmlFor={`${id}-${field}`}>
      {label}
      <input
        id={`${id}-${field}`}
        type="number"
        min={VIDEO_OPTION_RANGES[field].min}
        max={VIDEO_OPTION_RANGES[field].max}
        step={step}
        value={options[field]}
        onChange={(e) => {
          // An emptied field keeps the value until a number is typed.
          if (e.target.value.trim() !== '') onChange({ [field]: Number(e.target.value) });
        }}
      />
      s
    </label>
  );
  return (
    <fieldset className="panel video-options" disabled={disabled}>
      <legend>Options for the next video</legend>
      {seconds('sampleIntervalSec', 'Look every', 0.1)}
      {seconds('minGapSec', 'Shortest scene', 0.5)}
      <label htmlFor={`${id}-style`}>
        Caption style
        <select
          id={`${id}-style`}
          value={options.style}
          onChange={(e) => onChange({ style: e.target.value as VideoCaptionOptions['style'] })}
        >
          <option value="short">Short</option>
          <option value="detailed">Detailed</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={options.refine} onChange={(e) => onChange({ refine: e.target.checked })} />
        Second look (refined captions)
      </label>
    </fieldset>
  );
}
