import { useRef, useState, type ReactNode } from 'react';
import type { StageTimings } from '../../core/caption-types';
import { CaptionDiff } from '../common/CaptionDiff';
import { CopyButton } from '../common/CopyButton';
import type { OverlayLayers } from '../common/draw-overlay';
import { formatBytes, formatMs } from '../../common/format';
import { OutOfDomainOffer } from '../common/OutOfDomainOffer';
import { Overlay } from '../common/Overlay';
import type { ImageCard as Card } from './image-cards';
import { PictureDialog } from './PictureDialog';

const STAGE_TEXT: Record<string, string> = {
  preprocess: 'Preparing the image…',
  encode: 'Looking at the whole image…',
  pass1: 'Writing the first caption…',
  saliency: 'Finding where to look again…',
  regions: 'Choosing regions…',
  pass2: 'Looking again and refining…',
  done: 'Finishing…',
};

const TIMING_ROWS: [keyof StageTimings, string][] = [
  ['preprocess', 'Preprocess'],
  ['encode', 'Encode'],
  ['pass1', 'First caption'],
  ['saliency', 'Saliency'],
  ['regions', 'Regions'],
  ['lookAgain', 'Look again'],
  ['pass2', 'Refined caption'],
];

/** One image: thumbnail with heat map and boxes, both captions with changes marked, timings, or its problem. */
export function ImageCard({
  card,
  layers,
  onUseDefaultModel = null,
}: {
  card: Card;
  layers: OverlayLayers;
  /** Switches the app to its default model, offered when the model said the image is outside what it knows. */
  onUseDefaultModel?: (() => void) | null;
}) {
  const img = useRef<HTMLImageElement>(null);
  const [large, setLarge] = useState(false);
  const titleId = `card-${card.id}-title`;
  const result = card.outcome?.result ?? null;
  const coarse = result?.coarse.text ?? card.streaming.coarse;
  const refined = result?.refined?.text ?? card.streaming.refined;
  /** The finished caption: what the picture's alt text and its larger view say. */
  const said = result ? (result.refined ?? result.coarse).text : null;
  return (
    <article className="image-card" data-testid="image-card" data-status={card.status} aria-labelledby={titleId}>
      <h3 id={titleId} className="card-title">
        {card.name} <span className="muted">({formatBytes(card.size)})</span>
      </h3>
      {card.url && card.status !== 'error' && (
        <div className="thumb">
          <img ref={img} src={card.url} alt={said ?? card.name} />
          <Overlay target={img} outcome={card.outcome} layers={layers} testId="card-overlay" />
        </div>
      )}
      {card.url && card.status === 'done' && (
        // The name starts with the visible words (WCAG 2.5.3) and says which picture.
        <button
          type="button"
          className="view-larger"
          onClick={() => setLarge(true)}
          aria-label={`View larger: ${card.name}`}
        >
          View larger
        </button>
      )}
      {large && card.url && (
        <PictureDialog
          name={card.name}
          url={card.url}
          caption={said ?? ''}
          outcome={card.outcome}
          layers={layers}
          onClose={() => setLarge(false)}
        />
      )}
      {card.status === 'queued' && <p className="muted">Waiting…</p>}
      {card.status === 'captioning' && <p className="muted">{STAGE_TEXT[card.stage ?? ''] ?? 'Starting…'}</p>}
      {card.problem && (
        <div className="notice notice-error" data-testid="card-error">
          <strong>{card.problem.title}</strong> {card.problem.detail}
        </div>
      )}
      {result?.outOfDomain ? (
        <OutOfDomainOffer
          sentence={result.coarse.text}
          onUseDefaultModel={onUseDefaultModel}
          testId="card-out-of-domain"
        />
      ) : (
        (coarse || refined) && (
          <div className="card-captions">
            <CaptionRow label="First look" testId="coarse-caption" text={coarse}>
              {result?.refined ? <CaptionDiff before={coarse} after={refined} show="before" /> : coarse}
            </CaptionRow>
            {(refined || card.status === 'captioning') && (
              <CaptionRow label="Second look" testId="refined-caption" text={refined}>
                {result?.refined ? <CaptionDiff before={coarse} after={refined} show="after" /> : refined || '…'}
              </CaptionRow>
            )}
          </div>
        )
      )}
      {result && (
        <details className="timings">
          <summary>
            {formatMs(result.timings.total)} on {result.backend}
            {card.outcome?.model && ` · ${card.outcome.model}`}
          </summary>
          <dl>
            {TIMING_ROWS.map(([key, label]) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{formatMs(result.timings[key])}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </article>
  );
}

function CaptionRow({
  label,
  testId,
  text,
  children,
}: {
  label: string;
  testId: string;
  text: string;
  children: ReactNode;
}) {
  return (
    <div className="caption-row">
      <div className="caption-row-head">
        <h4>{label}</h4>
        <CopyButton text={text} label={`Copy the ${label.toLowerCase()} caption`} />
      </div>
      <p data-testid={testId}>{children}</p>
    </div>
  );
}
