import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaptionService } from '../../capture/caption-service';
import { captioningWith, type ClientStatus } from '../../bridge/captioner-client';
import { sceneAt, videoTrackToJson, videoTrackToWebVtt } from '../../core/video/video-track';
import { normaliseVideoOptions } from '../../core/video/video-options';
import type { VideoCaptionOptions } from '../../core/video/types';
import { Announcer } from '../common/Announcer';
import { downloadText } from '../common/download';
import { DropZone } from '../common/DropZone';
import { modelLabel } from '../common/model-label';
import { ModelStatus } from '../common/ModelStatus';
import { ProgressBar } from '../common/ProgressBar';
import { announcementOf, progressText, statusText, trackOf } from './video-job';
import { loadVideoOptions, saveVideoOptions } from './video-options-store';
import { useVideoJob } from './useVideoJob';
import { VideoOptionsForm } from './VideoOptionsForm';
import { VideoPlayer } from './VideoPlayer';
import { VideoTimeline } from './VideoTimeline';
import '../common/common.css';
import './video.css';

/** A timeline click seeks this far into the scene (under one frame at 60 fps). */
const SEEK_PAST_BOUNDARY_SEC = 0.01;

const baseName = (name: string) => name.replace(/\.[^.]+$/, '') || 'video';

/**
 * A dropped video file captioned scene by scene: progress in video time with the time left, a timeline beside
 * the player (click to seek; the scene playing is marked), the captions on the video as a text track, and
 * exports as WebVTT and JSON. Nothing leaves the page: the file is read through an object URL.
 */
export function VideoView({
  service,
  status,
  bundleUrl,
  active = true,
}: {
  service: CaptionService | null;
  status: ClientStatus;
  bundleUrl: string;
  /** False while the view is kept hidden behind another place: it keeps captioning. */
  active?: boolean;
}) {
  const ready = captioningWith(status) ? service : null;
  const { job, opening, refused, playerUrl, start, cancel, clear } = useVideoJob(ready, modelLabel(bundleUrl).name);
  const [options, setOptions] = useState<VideoCaptionOptions>(() => loadVideoOptions());
  const [currentTime, setCurrentTime] = useState(0);
  const player = useRef<HTMLVideoElement>(null);
  const running = job?.phase === 'running';

  const changeOptions = useCallback((patch: Partial<VideoCaptionOptions>) => {
    setOptions((previous) => {
      const next = normaliseVideoOptions({ ...previous, ...patch });
      saveVideoOptions(next);
      return next;
    });
  }, []);

  const onFiles = useCallback((files: File[]) => void start(files[0], options), [start, options]);

  const track = job ? trackOf(job) : null;
  const sceneCount = job?.scenes.length ?? 0;
  // The WebVTT for the player: rebuilt when a scene is added or the run ends, not on every progress step.
  const vtt = useMemo(() => (track ? videoTrackToWebVtt(track) : null), [sceneCount, job?.phase]); // eslint-disable-line react-hooks/exhaustive-deps
  const vttUrl = useMemo(() => (vtt ? URL.createObjectURL(new Blob([vtt], { type: 'text/vtt' })) : null), [vtt]);
  useEffect(() => () => void (vttUrl && URL.revokeObjectURL(vttUrl)), [vttUrl]);

  const seek = useCallback((timeSec: number) => {
    const video = player.current;
    if (!video) return;
    // Just past the start: at the exact boundary the player shows the cue that ends there as well.
    const at = Math.min(timeSec + SEEK_PAST_BOUNDARY_SEC, Number.isFinite(video.duration) ? video.duration : Infinity);
    video.currentTime = at;
    setCurrentTime(at);
  }, []);

  return (
    <section aria-labelledby="video-title" className="view video-view">
      <h2 id="video-title">Video</h2>
      <ModelStatus status={status} bundleUrl={bundleUrl} />
      <VideoOptionsForm options={options} onChange={changeOptions} disabled={running} />
      <DropZone
        onFiles={onFiles}
        acceptPastes={active}
        title="Choose a video, or drop it here"
        hint={
          ready
            ? 'MP4 or WebM. It stays on this device: nothing is uploaded. Glance captions each new scene.'
            : 'Waiting for the model to be ready…'
        }
        accept="video/*"
        multiple={false}
        disabled={!ready}
      />
      {opening && (
        <p className="video-opening" role="status">
          Opening {opening}…
        </p>
      )}
      {refused && (
        <div
          className="error-panel video-refused"
          role="alert"
          data-testid="video-refused"
          data-problem={refused.problem.problem}
        >
          <strong>{refused.problem.title}</strong> {refused.problem.detail}
        </div>
      )}
      {job && (
        <div className="panel video-job" data-testid="video-job" data-phase={job.phase}>
          <div className="panel-head">
            <p className="video-status">
              <strong>{job.fileName}</strong> {statusText(job)}
            </p>
            <div className="button-row">
              {running ? (
                <button type="button" onClick={cancel}>
                  Cancel
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    disabled={!track}
                    onClick={() =>
                      track && downloadText(`${baseName(job.fileName)}.vtt`, videoTrackToWebVtt(track), 'text/vtt')
                    }
                  >
                    Download WebVTT
                  </button>
                  <button
                    type="button"
                    disabled={!track}
                    onClick={() =>
                      track &&
                      downloadText(
                        `${baseName(job.fileName)}.captions.json`,
                        videoTrackToJson(track),
                        'application/json',
                      )
                    }
                  >
                    Download JSON
                  </button>
                  <button type="button" onClick={clear}>
                    Clear
                  </button>
                </>
              )}
            </div>
          </div>
          <ProgressBar
            label="Video captioned"
            value={job.phase === 'done' ? job.video.durationSec : job.doneSec}
            max={job.video.durationSec}
            valueText={progressText(job)}
            testId="video-progress"
          />
          {job.problem && (
            <div className="error-panel" role="alert" data-testid="video-error" data-problem={job.problem.problem}>
              <strong>{job.problem.title}</strong> {job.problem.detail}
            </div>
          )}
        </div>
      )}
      {playerUrl && job && (
        <div className="video-layout">
          <VideoPlayer url={playerUrl} vttUrl={vttUrl} playerRef={player} onTime={setCurrentTime} />
          <VideoTimeline scenes={job.scenes} current={sceneAt(job.scenes, currentTime)} onSeek={seek} />
        </div>
      )}
      <Announcer message={announcementOf(job)} testId="video-announcer" />
    </section>
  );
}
