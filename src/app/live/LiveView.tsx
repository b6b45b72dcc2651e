import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaptionService } from '../../capture/caption-service';
import { Announcer } from '../common/Announcer';
import { ModelStatus } from '../common/ModelStatus';
import { Overlay } from '../common/Overlay';
import { browserSpeech, CaptionSpeaker, speechAvailable } from '../common/speech';
import { useAnnouncePacing } from '../../capture/useAnnouncePacing';
import { usePageVisible } from '../../capture/usePageVisible';
import { useSettings } from '../common/useSettings';
import { captioningWith, type ClientStatus } from '../../bridge/captioner-client';
import type { Scene } from '../../world/scene';
import { CaptionLog } from './CaptionLog';
import { Hud } from './Hud';
import { LiveCaption } from './LiveCaption';
import { LiveControls } from './LiveControls';
import { SourcePicker } from './SourcePicker';
import { useLiveCaptions } from './useLiveCaptions';
import { useMediaSource } from '../../capture/useMediaSource';
import type { ModelSwitcher } from '../settings/model-switcher';
import { useSourceModel } from '../settings/useSourceModel';
import '../common/common.css';
import './live.css';

/** Told, while a source is on, how to read the scene the demo camera shows; returns its cleanup. */
export type SceneProbe = (currentScene: () => Scene | null) => () => void;

/** Live captions of the demo camera or a webcam, with the overlay, the HUD, the controls and the log. */
export function LiveView({
  service,
  status,
  bundleUrl,
  models = null,
  sceneProbe,
}: {
  service: CaptionService | null;
  status: ClientStatus;
  bundleUrl: string;
  /** The app's model switcher: the demo camera runs the world model while the default is in use. */
  models?: ModelSwitcher | null;
  /** The test build's hook (src/testing): the demo camera's true scene, which the UI does not show. */
  sceneProbe?: SceneProbe;
}) {
  const [settings, update] = useSettings();
  const { source, cameras, start, stop } = useMediaSource();
  const switchingModel = useSourceModel(models, source.state === 'on' ? source.source.kind : null);
  const [paused, setPaused] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = source.state === 'on' ? source.source.stream : null;
  const captioning = captioningWith(status);
  const ready = captioning !== null && service !== null;
  const visible = usePageVisible();

  // The demo camera needs no permission: start it as soon as the view opens. A webcam waits for Start.
  const { source: kind } = settings;
  useEffect(() => {
    if (kind === 'demo') void start('demo');
  }, [kind, start]);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);

  useEffect(() => {
    if (source.state !== 'on' || !sceneProbe) return;
    return sceneProbe(source.source.currentScene);
  }, [source, sceneProbe]);

  const options = useMemo(
    () => ({ refine: settings.refine, style: settings.style }),
    [settings.refine, settings.style],
  );
  const sessionKey = source.state === 'on' ? `${source.source.kind}:${source.source.deviceId}:${stream?.id}` : 'off';
  const { state, sessionStart } = useLiveCaptions({
    service,
    video,
    running: ready && !switchingModel && stream !== null && !paused && visible,
    options,
    sessionKey,
  });

  // The screen reader's region gets a caption once the last one has had time to be read (src/capture/announce-pacing.ts).
  const announcement = useAnnouncePacing(state.announcement, paused);
  // One voice for the view: a caption is spoken to its end, the newest waiting meanwhile (speech.ts).
  const speaker = useMemo(() => (speechAvailable() ? new CaptionSpeaker(browserSpeech()) : null), []);
  useEffect(() => {
    if (settings.speak && state.announced > 0) speaker?.say(state.announcement);
  }, [speaker, settings.speak, state.announced, state.announcement]);
  useEffect(() => {
    if (!settings.speak) speaker?.stop();
  }, [speaker, settings.speak]);
  useEffect(() => () => speaker?.stop(), [speaker]);

  const lastSample = state.stats.samples.at(-1);
  const waiting = !ready
    ? status.state === 'error'
      ? 'No captions: the model could not be loaded.'
      : status.state === 'crashed' || status.state === 'restarting'
        ? 'Captions go on once the captioner has restarted.'
        : 'Captions start once the model is ready.'
    : !stream
      ? 'Start a source to see captions.'
      : paused
        ? 'Paused.'
        : 'Looking…';

  return (
    <section aria-labelledby="view-title" className="view live-view">
      <h2 id="view-title">Live</h2>
      <ModelStatus status={status} bundleUrl={bundleUrl} />
      <div className="live-layout">
        <div className="stage-column">
          <div className="stage" data-testid="live-stage">
            <video ref={video} className="stage-video" autoPlay muted playsInline aria-label="Camera picture" />
            <Overlay
              target={video}
              outcome={state.outcome}
              layers={{ heatmap: settings.showHeatmap, boxes: settings.showBoxes, objects: settings.showObjects }}
              testId="live-overlay"
            />
            {!stream && <p className="stage-empty">No source running.</p>}
          </div>
          <Hud
            stats={state.stats}
            now={lastSample?.doneAt ?? 0}
            backend={state.outcome?.result.backend ?? captioning?.info.backend ?? '–'}
          />
        </div>
        <div className="side-column">
          <LiveCaption
            shown={state.caption.shown}
            waiting={waiting}
            outOfDomain={state.outcome?.result.outOfDomain !== undefined}
            onUseDefaultModel={models ? () => void models.useDefault() : null}
          />
          {state.error && (
            <p className="notice notice-error" data-testid="live-error">
              The last frame failed: {state.error}
            </p>
          )}
          <SourcePicker
            kind={settings.source}
            cameraId={settings.cameraId}
            cameras={cameras}
            source={source}
            onKind={(next) => {
              update({ source: next });
              if (next === 'webcam') stop();
            }}
            onCamera={(cameraId) => {
              update({ cameraId });
              if (source.state === 'on' && source.source.kind === 'webcam') void start('webcam', cameraId);
            }}
            onStart={() => void start(settings.source, settings.cameraId)}
            onStop={stop}
          />
          <LiveControls
            settings={settings}
            onChange={update}
            paused={paused}
            onPause={setPaused}
            canPause={stream !== null}
            canSpeak={speechAvailable()}
          />
        </div>
      </div>
      <CaptionLog
        log={state.log}
        sessionMs={() => performance.now() - sessionStart.current.startPerf}
        sessionWallStart={() => sessionStart.current.startWall}
        source={source.state === 'on' ? source.source.kind : settings.source}
      />
      <Announcer message={announcement} testId="live-announcer" />
    </section>
  );
}
