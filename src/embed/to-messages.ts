/** Turns what the bridge reports into protocol messages (plain data, rounded, nothing the host does not need). */
import { toPlainError } from '../core/errors';
import type { LoadProgress, RuntimeInfo } from '../bridge/captioner-client';
import type { CaptionResult } from '../core/caption-types';
import { refinedTextOf } from '../core/look-policy';
import type {
  CaptionMessage,
  EmbedInfo,
  EmbedMode,
  EmbedStyle,
  ErrorMessage,
  ProgressMessage,
} from '../embed-protocol/protocol';

/** Regions and object boxes are whole pixels; scores keep 3 decimals (enough to rank, no more). */
export function toCaptionMessage(
  result: CaptionResult,
  frame: { width: number; height: number },
  id?: string,
): CaptionMessage {
  const refined = refinedTextOf(result);
  const message: CaptionMessage = {
    v: 1,
    type: 'caption',
    text: refined ?? result.coarse.text,
    coarse: result.coarse.text,
    refined,
    regions: result.regions.map((r) => ({
      x: Math.round(r.x),
      y: Math.round(r.y),
      w: Math.round(r.w),
      h: Math.round(r.h),
      score: Math.round(r.score * 1000) / 1000,
    })),
    time: Math.round(result.timings.total * 10) / 10,
    width: frame.width,
    height: frame.height,
  };
  // The objects of the caption in `text`: the refined one's when it was written, else the coarse one's.
  const objects = refined !== null ? (result.objects?.refined ?? result.objects?.coarse) : result.objects?.coarse;
  if (objects) {
    message.objects = objects.map((o) => ({
      name: o.name ?? o.label,
      label: o.label,
      x: Math.round(o.box.x),
      y: Math.round(o.box.y),
      w: Math.round(o.box.w),
      h: Math.round(o.box.h),
      score: Math.round(o.score * 1000) / 1000,
      hedged: o.hedged,
    }));
  }
  if (id !== undefined) message.id = id;
  return message;
}

export function toProgressMessage(progress: LoadProgress): ProgressMessage {
  return {
    v: 1,
    type: 'progress',
    phase: progress.phase,
    loadedBytes: progress.loadedBytes,
    totalBytes: progress.totalBytes,
  };
}

/** An error as the protocol carries it: its stable name and message only (no stack, no cause). */
export function toErrorMessage(error: unknown, id?: string): ErrorMessage {
  const message: ErrorMessage = { v: 1, type: 'error', ...toPlainError(error) };
  if (id !== undefined) message.id = id;
  return message;
}

/** The 'ready' info from the runtime's own report (what actually runs, not what was asked for). */
export function toEmbedInfo(
  info: RuntimeInfo,
  settings: { mode: EmbedMode; refine: boolean; style: EmbedStyle },
): EmbedInfo {
  return {
    protocol: 1,
    mode: settings.mode,
    backend: info.backend ?? 'wasm',
    wasmThreads: info.wasmThreads ?? 1,
    crossOriginIsolated: info.crossOriginIsolated,
    model: { url: info.bundle?.url ?? '', name: info.bundle?.name ?? '' },
    refine: settings.refine,
    style: settings.style,
  };
}
