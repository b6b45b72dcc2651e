import { CaptionDiff } from '../common/CaptionDiff';
import type { ShownCaption } from './caption-stability';

/**
 * The caption on screen. While a frame is being refined its coarse caption shows, marked as such; once refined,
 * the words the second look changed are highlighted. Not a live region itself: the Announcer reads final
 * captions only, so screen readers are not fed the coarse one too.
 */
export function LiveCaption({ shown, waiting }: { shown: ShownCaption | null; waiting: string }) {
  if (!shown) {
    return (
      <p className="live-caption live-caption-empty" data-testid="live-caption" data-state="empty">
        {waiting}
      </p>
    );
  }
  const refined = shown.refined;
  return (
    <div
      className="live-caption"
      data-testid="live-caption"
      data-state={shown.final ? 'final' : 'coarse'}
      data-frame-id={shown.frameId}
    >
      <p className="live-caption-text" data-testid="live-caption-text">
        {refined !== null ? <CaptionDiff before={shown.coarse} after={refined} show="after" /> : shown.coarse}
      </p>
      <p className="live-caption-note muted">
        {!shown.final
          ? 'First look; looking again…'
          : refined === null
            ? 'First look (refinement off).'
            : refined === shown.coarse
              ? 'The second look confirmed the first.'
              : 'Highlighted: what the second look changed.'}
      </p>
    </div>
  );
}
