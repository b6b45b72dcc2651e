/**
 * A VideoFrame's pixels in the layout the decoder produced (I420, NV12, ...), for the scene signature. A native
 * copy moves bytes without converting them: about half an RGBA copy's bytes and none of its colour maths, and like
 * every `copyTo` it leaves nothing in Chromium's image cache (docs/reliability.md, "Live memory"). Formats the
 * signature cannot read (or an opaque GPU frame with no format) are copied as RGBA instead.
 */
import type { PixelFormat, PlanarPixels } from '../../core/video/types';

const READABLE: ReadonlySet<string> = new Set<PixelFormat>([
  'I420',
  'I420A',
  'I422',
  'I444',
  'NV12',
  'RGBA',
  'RGBX',
  'BGRA',
  'BGRX',
]);

/** One buffer reused from frame to frame: a video's frames all have one size. */
export class FramePlaneReader {
  private buffer = new Uint8Array(0);

  async read(frame: VideoFrame): Promise<PlanarPixels> {
    const rect = frame.visibleRect;
    const width = rect?.width ?? frame.displayWidth;
    const height = rect?.height ?? frame.displayHeight;
    const native = frame.format && READABLE.has(frame.format);
    const options: VideoFrameCopyToOptions = native ? {} : { format: 'RGBA', colorSpace: 'srgb' };
    const size = frame.allocationSize(options);
    if (this.buffer.byteLength < size) this.buffer = new Uint8Array(size);
    const data = this.buffer.subarray(0, size);
    const layout = await frame.copyTo(data, options);
    return {
      format: (native ? frame.format : 'RGBA') as PixelFormat,
      width,
      height,
      data,
      layout: layout.map(({ offset, stride }) => ({ offset, stride })),
    };
  }
}
