/**
 * The one place a picture is taken from a <video>: every live loop (the Live view, the embed widget) grabs through
 * here, so how frames are grabbed is a change to this file alone.
 *
 * A VideoFrame, which the worker copies to RGBA rather than drawing (workers/runtime/video-frame-pixels.ts):
 * Chromium keeps every video-backed image that reaches a canvas (`createImageBitmap(video)`, `drawImage` of a video
 * or a VideoFrame) as one frame-sized copy in the renderer's image cache, freed only under memory pressure
 * (docs/reliability.md, "Live memory"). Wrapping the video in a VideoFrame copies nothing on the main thread; the
 * pixels are read in the worker.
 */
import type { CaptionFrame } from './caption-service';

/** The video's current picture, or null while the video has none yet. */
export async function grabFrame(video: HTMLVideoElement): Promise<CaptionFrame | null> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
  try {
    // Browsers without WebCodecs: a bitmap, which the worker draws (and Chromium would cache; it has VideoFrame).
    return typeof VideoFrame === 'undefined' ? await createImageBitmap(video) : new VideoFrame(video);
  } catch (error) {
    // The source can stop between the check and the grab (a switch of source): no frame yet, not a failure.
    if ((error as Error)?.name === 'InvalidStateError') return null;
    throw error;
  }
}
