/**
 * The one place a picture is taken from a <video>: every live loop grabs through here, so changing how frames
 * are grabbed (e.g. a VideoFrame instead of an ImageBitmap) is a change to this file alone.
 */

/** The video's current picture as an ImageBitmap, or null while the video has none yet. */
export async function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap | null> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
  try {
    return await createImageBitmap(video);
  } catch (error) {
    // The source can stop between the check and the grab (a switch of source): no frame yet, not a failure.
    if ((error as Error)?.name === 'InvalidStateError') return null;
    throw error;
  }
}
