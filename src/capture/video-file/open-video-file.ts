/**
 * Opens a video file for sampling: a detached, muted <video> over an object URL (nothing is uploaded), ready at
 * its first frame, with a duration that is known. Every way this can fail becomes a VideoFileError with words a
 * person can act on; the element and the URL are freed on failure and by `close()`.
 */
import { checkVideoFile, readVideoHead } from './video-file-checks';
import { VideoFileError } from './video-file-error';

export interface OpenedVideo {
  /** Detached from the page: the view's own player is another element, so the user can watch while it runs. */
  video: HTMLVideoElement;
  durationSec: number;
  width: number;
  height: number;
  close(): void;
}

/** How long the element may take to read the file's header or first frame before we call the file unreadable. */
const OPEN_TIMEOUT_MS = 20_000;

function unreadable(name: string, why: string): VideoFileError {
  return new VideoFileError({
    problem: 'unreadable',
    title: 'This video cannot be read.',
    detail: `${name}: ${why}`,
  });
}

/** Resolves at the first of `events` on `video`, rejects on its 'error' event or after `timeoutMs`. */
export function untilMediaEvent(
  video: HTMLVideoElement,
  events: readonly string[],
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (finish: () => void) => {
      clearTimeout(timer);
      for (const e of events) video.removeEventListener(e, ok);
      video.removeEventListener('error', failed);
      finish();
    };
    const ok = () => done(resolve);
    const failed = () => done(() => reject(video.error ?? new Error('media error')));
    const timer = setTimeout(() => done(() => reject(onTimeout())), timeoutMs);
    for (const e of events) video.addEventListener(e, ok);
    video.addEventListener('error', failed);
  });
}

/** MediaError -> words. Code 4: no demuxer or decoder for it; 3: the data is broken. */
function mediaProblem(name: string, error: unknown): VideoFileError {
  if (error instanceof VideoFileError) return error;
  const code = (error as MediaError | null)?.code;
  if (code === 4) {
    return new VideoFileError({
      problem: 'unsupported',
      title: 'This browser cannot play this video.',
      detail: `${name}: its video codec is not one this browser decodes, or the file is damaged. Try MP4 (H.264) or WebM (VP9).`,
    });
  }
  const message = (error as MediaError | null)?.message;
  return unreadable(name, message ? `the file is damaged (${message}).` : 'the file is damaged.');
}

/**
 * A file recorded by MediaRecorder (WebM) often has no duration in its header: the element reports Infinity
 * until it has seen the end. Seeking far past the end makes it find out.
 */
async function learnDuration(video: HTMLVideoElement, name: string): Promise<number> {
  if (Number.isFinite(video.duration) && video.duration > 0) return video.duration;
  const learned = untilMediaEvent(video, ['durationchange', 'seeked'], OPEN_TIMEOUT_MS, () =>
    unreadable(name, 'its length could not be found.'),
  );
  video.currentTime = Number.MAX_SAFE_INTEGER;
  await learned;
  const duration = video.duration;
  video.currentTime = 0;
  if (!Number.isFinite(duration) || duration <= 0) throw unreadable(name, 'its length could not be found.');
  return duration;
}

export async function openVideoFile(file: File): Promise<OpenedVideo> {
  const problem = checkVideoFile(file, await readVideoHead(file));
  if (problem) throw new VideoFileError(problem);

  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const close = () => {
    video.removeAttribute('src');
    video.load(); // lets the element drop its decoder and buffers now, not at GC
    URL.revokeObjectURL(url);
  };
  try {
    const metadata = untilMediaEvent(video, ['loadedmetadata'], OPEN_TIMEOUT_MS, () =>
      unreadable(file.name, 'its header could not be read.'),
    );
    video.src = url;
    await metadata.catch((error: unknown) => {
      throw mediaProblem(file.name, error);
    });
    if (video.videoWidth === 0 || video.videoHeight === 0) {
      throw new VideoFileError({
        problem: 'no-video-track',
        title: 'This file has no pictures.',
        detail: `${file.name} holds no video track (sound only?): there is nothing to describe.`,
      });
    }
    const durationSec = await learnDuration(video, file.name).catch((error: unknown) => {
      throw mediaProblem(file.name, error);
    });
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      await untilMediaEvent(video, ['loadeddata', 'seeked'], OPEN_TIMEOUT_MS, () =>
        unreadable(file.name, 'its first picture could not be decoded.'),
      ).catch((error: unknown) => {
        throw mediaProblem(file.name, error);
      });
    }
    return { video, durationSec, width: video.videoWidth, height: video.videoHeight, close };
  } catch (error) {
    close();
    throw error;
  }
}
