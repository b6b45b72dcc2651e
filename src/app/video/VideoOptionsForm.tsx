import { useId } from 'react';
import type { VideoCaptionOptions } from '../../core/video/types';

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
  const number = (value: string, fallback: number) => (value.trim() === '' ? fallback : Number(value));
  return (
    <fieldset className="panel video-options" disabled={disabled}>
      <legend>Options for the next video</legend>
      <label htmlFor={`${id}-interval`}>
        Look every
        <input
          id={`${id}-interval`}
          type="number"
          min={0.1}
          max={10}
          step={0.1}
          value={options.sampleIntervalSec}
          onChange={(e) => onChange({ sampleIntervalSec: number(e.target.value, options.sampleIntervalSec) })}
        />
        s
      </label>
      <label htmlFor={`${id}-gap`}>
        Shortest scene
        <input
          id={`${id}-gap`}
          type="number"
          min={0}
          max={60}
          step={0.5}
          value={options.minGapSec}
          onChange={(e) => onChange({ minGapSec: number(e.target.value, options.minGapSec) })}
        />
        s
      </label>
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
