/**
 * A VideoFrame's pixels as RGBA ImageData, copied with `VideoFrame.copyTo` instead of drawn: Chromium keeps every
 * video-backed image drawn to a canvas as a frame-sized entry of the renderer's image cache (freed only under
 * memory pressure), which grew the renderer ~250 kB a caption on the demo camera and ~2 MB on a 640x480 webcam; a
 * copy leaves nothing behind (docs/reliability.md, "Live memory"). The pixels are identical to
 * a draw's (measured on I420 webcam and BGRA canvas frames, 256x256 to 1280x720).
 */

/** Whether RGBA copies work here; false after the first one fails, so the caller draws the frame instead. */
let rgbaCopyWorks = true;

/**
 * The visible pixels of `frame` as RGBA in sRGB, or null where this browser cannot copy to RGBA (the caller draws
 * the frame). Does not close the frame. A closed frame rejects with InvalidStateError.
 */
export async function videoFramePixels(frame: VideoFrame): Promise<ImageData | null> {
  if (!rgbaCopyWorks) return null;
  const rect = frame.visibleRect;
  if (!rect || rect.width === 0 || rect.height === 0) return null;
  const pixels = new Uint8ClampedArray(rect.width * rect.height * 4);
  try {
    await frame.copyTo(pixels, { format: 'RGBA', colorSpace: 'srgb' });
  } catch (error) {
    if ((error as Error)?.name === 'InvalidStateError') throw error;
    // An older WebCodecs without RGBA conversion (NotSupportedError or a TypeError for the option).
    rgbaCopyWorks = false;
    return null;
  }
  return new ImageData(pixels, rect.width, rect.height);
}
