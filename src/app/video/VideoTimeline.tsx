import type { VideoScene } from '../../core/video/types';
import { formatMediaTime } from '../../common/format';

/**
 * The scenes in time order: each a button that seeks the player to the scene's start; the scene playing now is
 * marked (aria-current) and highlighted. The first look's caption shows under the refined one when they differ.
 */
export function VideoTimeline({
  scenes,
  current,
  onSeek,
}: {
  scenes: readonly VideoScene[];
  current: number;
  onSeek: (timeSec: number) => void;
}) {
  if (scenes.length === 0) return <p className="muted video-timeline-empty">Scenes appear here as they are found.</p>;
  return (
    <ol className="video-timeline" aria-label="Scenes" data-testid="video-timeline">
      {scenes.map((scene, i) => {
        const text = scene.refined ?? scene.coarse;
        return (
          <li key={scene.index}>
            <button
              type="button"
              className="video-scene"
              aria-current={i === current ? 'true' : undefined}
              data-start={scene.startSec.toFixed(3)}
              data-end={scene.endSec.toFixed(3)}
              onClick={() => onSeek(scene.startSec)}
            >
              <span className="video-scene-time">
                {formatMediaTime(scene.startSec, true)}–{formatMediaTime(scene.endSec, true)}
              </span>
              <span className="video-scene-text" data-testid="video-scene-text">
                {text}
              </span>
              {scene.refined !== null && scene.refined !== scene.coarse && (
                <span className="video-scene-coarse muted">First look: {scene.coarse}</span>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
