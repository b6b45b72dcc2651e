import { useMemo } from 'react';
import { CaptionDiff } from '../common/CaptionDiff';
import { OutOfDomainOffer } from '../common/OutOfDomainOffer';
import { secondLookNote } from './second-look-note';
import type { ShownCaption } from './caption-stability';

/**
 * The caption on screen. While a frame is being refined its coarse caption shows, marked as such; once refined,
 * the words the second look changed are highlighted. Not a live region itself: the Announcer reads final
 * captions only, so screen readers are not fed the coarse one too.
 */
export function LiveCaption({
  shown,
  waiting,
  outOfDomain = false,
  onUseDefaultModel = null,
}: {
  shown: ShownCaption | null;
  waiting: string;
  /** The latest frame was outside what the model knows (its result's `outOfDomain`): offer the default model. */
  outOfDomain?: boolean;
  onUseDefaultModel?: (() => void) | null;
}) {
  if (shown && outOfDomain) {
    return (
      <div className="live-caption" data-testid="live-caption" data-state="out-of-domain" data-frame-id={shown.frameId}>
        <OutOfDomainOffer
          sentence={shown.refined ?? shown.coarse}
          onUseDefaultModel={onUseDefaultModel}
          testId="live-out-of-domain"
        />
      </div>
    );
  }
  if (!shown) {
    return (
      <p className="live-caption live-caption-empty" data-testid="live-caption" data-state="empty">
        {waiting}
      </p>
    );
  }
  const refined = shown.refined;
  return <ShownCaptionText shown={shown} refined={refined} />;
}

function ShownCaptionText({ shown, refined }: { shown: ShownCaption; refined: string | null }) {
  const skipped = shown.lookSkipped ?? false;
  const note = useMemo(
    () => secondLookNote(shown.coarse, refined, shown.final, skipped),
    [shown.coarse, refined, shown.final, skipped],
  );
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
      <p className="live-caption-note muted">{note}</p>
    </div>
  );
}
