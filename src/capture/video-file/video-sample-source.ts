/**
 * The sampler of src/core/video/caption-video.ts over an opened video file: seek, take the frame shown there as a
 * VideoFrame (no pixel work on the page: the worker copies it when it captions), and read its signature from a
 * native copy. Seeking one element, frame after frame, keeps one decoder and one buffer: memory stays flat however
 * long the video.
 */
import { signatureOf } from '../../core/video/scene-signature';
import type { VideoSampleSource } from '../../core/video/caption-video';
import { FramePlaneReader } from './frame-planes';
import { untilMediaEvent, type OpenedVideo } from './open-video-file';
import { VideoFileError } from './video-file-error';

/** A seek that takes longer than this is a file the element cannot decode there (a truncated file stalls). */
const SEEK_TIMEOUT_MS = 15_000;

const clock = (sec: number) => `${Math.floor(sec / 60)}:${(sec % 60).toFixed(1).padStart(4, '0')}`;

export function videoSampleSource(opened: OpenedVideo, name: string): VideoSampleSource<VideoFrame> {
  const { video } = opened;
  const reader = new FramePlaneReader();
  const damaged = (sec: number, why: string) =>
    new VideoFileError({
      problem: 'unreadable',
      title: 'This video cannot be read to the end.',
      detail: `${name}: ${why} at ${clock(sec)}; the file is damaged or cut short.`,
    });

  async function seek(timeSec: number): Promise<void> {
    if (video.error) throw damaged(timeSec, 'decoding failed');
    const seeked = untilMediaEvent(video, ['seeked'], SEEK_TIMEOUT_MS, () => damaged(timeSec, 'no picture came'));
    video.currentTime = timeSec;
    await seeked.catch((error: unknown) => {
      throw error instanceof VideoFileError ? error : damaged(timeSec, 'decoding failed');
    });
  }

  return {
    durationSec: opened.durationSec,
    async grab(timeSec) {
      await seek(timeSec);
      // The seeked frame, stamped with the time asked for (the player's own timestamps are not needed here).
      const frame = new VideoFrame(video, { timestamp: Math.round(timeSec * 1e6) });
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
