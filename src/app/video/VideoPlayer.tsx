import { useEffect, useRef, type RefObject } from 'react';

/**
 * The user's player: the file with native controls and the captions so far as a text track (the same WebVTT the
 * export writes, so what plays here is what a page with `<track>` plays). Reports its time for the timeline.
 */
export function VideoPlayer({
  url,
  vttUrl,
  playerRef,
  onTime,
}: {
  url: string;
  /** The captions as a WebVTT blob URL; null before the first scene. */
  vttUrl: string | null;
  playerRef: RefObject<HTMLVideoElement | null>;
  onTime: (timeSec: number) => void;
}) {
  const trackRef = useRef<HTMLTrackElement>(null);

  // A new track element per WebVTT (keyed below) starts hidden until loaded; show it as captions on the video.
  useEffect(() => {
    const track = trackRef.current;
    if (track) track.track.mode = 'showing';
  }, [vttUrl]);

  return (
    <video
      ref={playerRef}
      className="video-player"
      src={url}
      controls
      muted
      playsInline
      preload="metadata"
      data-testid="video-player"
      onTimeUpdate={(e) => onTime(e.currentTarget.currentTime)}
      onSeeked={(e) => onTime(e.currentTarget.currentTime)}
    >
      {vttUrl && <track key={vttUrl} ref={trackRef} kind="captions" label="Glance" srcLang="en" src={vttUrl} default />}
    </video>
  );
}
