/**
 * A labelled progress bar with the ARIA values screen readers announce. `max` null = indeterminate (the total is
 * not known yet): aria-valuenow is then omitted, as the ARIA spec asks.
 */
export function ProgressBar({
  label,
  value,
  max,
  valueText,
  testId,
}: {
  label: string;
  value: number;
  max: number | null;
  /** What to read instead of a percentage, e.g. "3 of 5 images" or "1.2 MB of 4.0 MB". */
  valueText?: string;
  testId?: string;
}) {
  const known = max !== null && max > 0;
  const fraction = known ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div
      className={`progress ${known ? '' : 'progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? Math.min(value, max) : undefined}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
    </div>
  );
}
