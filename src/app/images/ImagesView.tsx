import type { CaptionService } from '../../capture/caption-service';
import { downloadText, timestampedName } from '../common/download';
import { ModelStatus } from '../common/ModelStatus';
import { ProgressBar } from '../common/ProgressBar';
import { LayerSwitches } from '../common/LayerSwitches';
import { useSettings } from '../common/useSettings';
import { captioningWith, type ClientStatus } from '../../bridge/captioner-client';
import { DropZone } from '../common/DropZone';
import { ImageCard } from './ImageCard';
import { batchProgress, batchSummary } from './image-cards';
import { toImagesJson } from './images-export';
import { useImageBatch } from './useImageBatch';
import '../common/common.css';
import './images.css';

/** Detailed captions for dropped, pasted or picked images, one card each, captioned one at a time. */
export function ImagesView({
  service,
  status,
  bundleUrl,
  active = true,
  onUseDefaultModel = null,
}: {
  service: CaptionService | null;
  status: ClientStatus;
  bundleUrl: string;
  /** False while the view is kept hidden behind another place: it keeps captioning but takes no pastes. */
  active?: boolean;
  /** Switches the app to its default model (offered on cards the model could not describe); null: no picker. */
  onUseDefaultModel?: (() => void) | null;
}) {
  const [settings, update] = useSettings();
  const { cards, add, clear } = useImageBatch(captioningWith(status) ? service : null);
  const progress = batchProgress(cards);
  const { finished, total } = progress;
  const layers = { heatmap: settings.showHeatmap, boxes: settings.showBoxes, objects: settings.showObjects };

  return (
    <section aria-labelledby="images-title" className="view images-view">
      <h2 id="images-title">Images</h2>
      <ModelStatus status={status} bundleUrl={bundleUrl} />
      <DropZone onFiles={add} acceptPastes={active} />
      {total > 0 && (
        <div className="panel batch-bar">
          <div className="panel-head">
            <p className="batch-count" data-testid="batch-count" aria-live="polite">
              {batchSummary(progress)}
            </p>
            <div className="button-row">
              <LayerSwitches settings={settings} onChange={update} />
              <button
                type="button"
                onClick={() =>
                  downloadText(
                    timestampedName('glance-images', Date.now(), 'json'),
                    toImagesJson(cards, Date.now()),
                    'application/json',
                  )
                }
                disabled={finished === 0}
              >
                Download all as JSON
              </button>
              <button type="button" onClick={clear}>
                Clear
              </button>
            </div>
          </div>
          <ProgressBar
            label="Images captioned"
            value={finished}
            max={total}
            valueText={`${finished} of ${total} images`}
            testId="batch-progress"
          />
        </div>
      )}
      <div className="card-grid">
        {cards.map((card) => (
          <ImageCard key={card.id} card={card} layers={layers} onUseDefaultModel={onUseDefaultModel} />
        ))}
      </div>
    </section>
  );
}
