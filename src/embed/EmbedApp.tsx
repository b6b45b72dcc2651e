import { useEffect, useRef, useSyncExternalStore, type ChangeEvent } from 'react';
import type { CaptionService } from '../capture/caption-service';
import { formatBytes } from '../common/format';
import { useAnnouncePacing } from '../capture/useAnnouncePacing';
import { usePageVisible } from '../capture/usePageVisible';
import { useMediaSource } from '../capture/useMediaSource';
import type { EmbedParams } from './embed-params';
import type { WidgetSession, WidgetSnapshot } from './widget-session';
import { useWidgetLive } from './useWidgetLive';
import '../common/visually-hidden.css';
import './embed.css';

/** The compact captioner inside the iframe: a picture, its caption, and one status line. */
export function EmbedApp({
  session,
  service,
  params,
}: {
  session: WidgetSession;
  service: CaptionService;
  params: EmbedParams;
}) {
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { source, start } = useMediaSource();
  const video = useRef<HTMLVideoElement>(null);
  const visible = usePageVisible();
  const picture = snapshot.imageUrl;
  const live = params.mode !== 'image';
  const stream = source.state === 'on' ? source.source.stream : null;
  // A camera's captions reach a screen reader once the last has had time to be read; an image's at once.
  const announcement = useAnnouncePacing(snapshot.caption?.text ?? '', !live || snapshot.paused);

  useEffect(() => {
    session.start().catch(() => undefined);
  }, [session]);

  // The demo camera needs no permission; a webcam waits for the user's Start.
  useEffect(() => {
    if (params.mode === 'demo') void start('demo');
  }, [params.mode, start]);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);

  useEffect(() => {
    if (source.state === 'error') session.report({ name: 'CameraError', message: source.message.title });
  }, [source, session]);

  useWidgetLive({
    session,
    service,
    video,
    running: live && stream !== null && snapshot.model.state === 'ready' && !snapshot.paused && visible,
  });

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void session.captionImage(file);
  };

  return (
    <div className="glance-embed" data-theme={params.theme ?? undefined} data-testid="embed-root">
      <div className="embed-picture">
        {live ? (
          <video ref={video} muted playsInline autoPlay aria-label="Camera picture" />
        ) : picture ? (
          <img src={picture} alt="The image being captioned" />
        ) : (
          <p className="embed-hint">Choose an image to caption.</p>
        )}
        {params.mode === 'camera' && source.state !== 'on' && (
          <button type="button" className="embed-start" onClick={() => void start('webcam')}>
            Start camera
          </button>
        )}
      </div>
      <p className="embed-caption" data-testid="embed-caption" data-source={snapshot.caption?.source}>
        {snapshot.caption?.text ?? ''}
      </p>
      <div
        className="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        role="status"
        data-testid="embed-announcer"
      >
        {announcement}
      </div>
      <div className="embed-bar">
        <StatusLine snapshot={snapshot} problems={params.problems} />
        {params.mode === 'image' && (
          <label className="embed-pick">
            Choose image
            <input type="file" accept="image/*" onChange={onPick} />
          </label>
        )}
      </div>
    </div>
  );
}

function StatusLine({ snapshot, problems }: { snapshot: WidgetSnapshot; problems: string[] }) {
  const { model, lastError, paused } = snapshot;
  if (model.state === 'error') {
    return (
      <p className="embed-status embed-error" role="alert" data-testid="embed-status" data-state="error">
        {model.error.name}: {model.error.message}
      </p>
    );
  }
  if (model.state === 'loading') {
    const p = model.progress;
    const bytes =
      p?.phase === 'download'
        ? ` ${formatBytes(p.loadedBytes)}${p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''}`
        : '';
    return (
      <p className="embed-status" data-testid="embed-status" data-state="loading">
        Loading the model…{bytes}
      </p>
    );
  }
  const { backend, wasmThreads, crossOriginIsolated } = model.info;
  const runsOn =
    backend === 'webgpu'
      ? 'WebGPU'
      : `WASM x${wasmThreads}${crossOriginIsolated ? '' : ' (not cross-origin isolated)'}`;
  return (
    <p className="embed-status" data-testid="embed-status" data-state="ready">
      {paused ? 'Paused · ' : ''}
      {runsOn}
      {lastError && (
        <span className="embed-error">
          {' '}
          · {lastError.name}: {lastError.message}
        </span>
      )}
      {problems.length > 0 && <span className="embed-error"> · {problems.join(' ')}</span>}
    </p>
  );
}
