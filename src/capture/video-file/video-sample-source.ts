/**
 * The sampler of src/core/video/caption-video.ts over an opened video file: seek, take the frame shown there as a
 * VideoFrame (no pixel work on the page: the worker copies it when it captions), and read its signature from a
 * native copy. Seeking one element, frame after frame, keeps one decoder and one buffer: memory stays flat however
 * long the video.
 */
import { formatMediaTime } from '../../common/format';
import { signatureOf } from '../../core/video/scene-signature';
import type { VideoSampleSource } from '../../core/video/caption-video';
import { FramePlaneReader } from './frame-planes';
import { untilMediaEvent, type OpenedVideo } from './open-video-file';
import { VideoFileError } from './video-file-error';

/** A seek that takes longer than this is a file the element cannot decode there (a truncated file stalls). */
const SEEK_TIMEOUT_MS = 15_000;

/** How often and how long to wait for the seeked frame when the element still shows another one. */
const STALE_FRAME_RETRIES = 20;
const STALE_FRAME_WAIT_MS = 10;

/** Half a millisecond of slack: media times are rounded to microseconds on the way. */
const TIME_SLACK_US = 500;

/**
 * Whether `frame` is the one a player shows at `timeSec`: it starts at or before that time and, where its duration
 * is known, lasts past it.
 */
export function showsTime(frame: { timestamp: number; duration: number | null }, timeSec: number): boolean {
  const at = timeSec * 1e6;
  if (frame.timestamp > at + TIME_SLACK_US) return false;
  return frame.duration === null || frame.duration <= 0 || frame.timestamp + frame.duration > at - TIME_SLACK_US;
}

export function videoSampleSource(opened: OpenedVideo, name: string): VideoSampleSource<VideoFrame> {
  const { video } = opened;
  const reader = new FramePlaneReader();
  const damaged = (sec: number, why: string) =>
    new VideoFileError({
      problem: 'unreadable',
      title: 'This video cannot be read to the end.',
      detail: `${name}: ${why} at ${formatMediaTime(sec, true)}; the file is damaged or cut short.`,
    });

  async function seek(timeSec: number): Promise<void> {
    if (video.error) throw damaged(timeSec, 'decoding failed');
    const seeked = untilMediaEvent(video, ['seeked'], SEEK_TIMEOUT_MS, () => damaged(timeSec, 'no picture came'));
    video.currentTime = timeSec;
    await seeked.catch((error: unknown) => {
      throw error instanceof VideoFileError ? error : damaged(timeSec, 'decoding failed');
    });
  }

  /**
   * The frame shown at `timeSec`. Under load Chromium can fire 'seeked' before the element's current frame is the
   * seeked one (the bench saw a cut narrowed to the previous position's picture); a VideoFrame of the element
   * carries its frame's own timestamp and duration, so a stale one is recognised and taken again a moment later.
   */
  async function frameAt(timeSec: number): Promise<VideoFrame> {
    for (let attempt = 0; ; attempt++) {
      const frame = new VideoFrame(video);
      if (attempt >= STALE_FRAME_RETRIES || showsTime(frame, timeSec)) return frame;
      frame.close();
      await new Promise((resolve) => setTimeout(resolve, STALE_FRAME_WAIT_MS));
    }
  }

  return {
    durationSec: opened.durationSec,
    async grab(timeSec) {
      await seek(timeSec);
      const frame = await frameAt(timeSec);
      try {
        return { frame, signature: signatureOf(await reader.read(frame)) };
      } catch (error) {
        frame.close();
        throw error;
      }
    },
    release(frame) {
      frame.close();
    },
  };
}
