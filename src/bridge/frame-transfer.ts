import type { FrameInput } from '../../workers/runtime/wire';

/**
 * What to transfer with a frame: its pixels move to the worker instead of being copied (and the UI's copy
 * becomes unusable). A Blob is cloned by reference (its bytes are not copied), so it needs nothing.
 */
export function transferablesOf(frame: FrameInput): Transferable[] {
  if (typeof ImageBitmap !== 'undefined' && frame instanceof ImageBitmap) return [frame];
  if (typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame) return [frame];
  if (typeof ImageData !== 'undefined' && frame instanceof ImageData) return [frame.data.buffer as ArrayBuffer];
  return [];
}

/** Frees a frame the bridge will not send (an aborted job), or one a live loop did not hand over. */
export { closeFrame } from '../../workers/runtime/wire';
