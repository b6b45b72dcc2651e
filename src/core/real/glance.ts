/**
 * The glance: the whole frame's detector outputs, in one or two views (mirror-view.ts). A still image (no
 * stream) is glanced at as it is and mirrored, two detector runs; a live stream's frame once, in the view
 * StreamGlance alternates, combined with the frame before's where the picture held still (stream-glance.ts).
 * The outputs are raw (heat map and box distances in the frame's orientation); the caller decodes them.
 */
import type { InferenceBackend } from '../backend';
import type { CenternetRaw } from './centernet-decode';
import type { DetectorInput } from './detector-input';
import { combineViews, mirrorNhwc, unmirrorRaw } from './mirror-view';
import { detectRaw } from './run-detector';
import type { StreamGlance } from './stream-glance';
import { STILL_GLANCE_VIEWS } from './constants';

/** A live stream's frame: its id and the captioner's memory of the stream's last view. */
export interface GlanceStream {
  id: string;
  memory: StreamGlance;
}

async function view(backend: InferenceBackend, input: DetectorInput, mirrored: boolean): Promise<CenternetRaw> {
  const { size, data } = input;
  if (!mirrored) return detectRaw(backend, size, data);
  return unmirrorRaw(await detectRaw(backend, size, mirrorNhwc(data, size, size, 3)));
}

export async function glanceRaw(
  backend: InferenceBackend,
  input: DetectorInput,
  stream: GlanceStream | null,
): Promise<CenternetRaw> {
  if (stream === null) {
    const raw = await view(backend, input, false);
    return STILL_GLANCE_VIEWS === 2 ? combineViews(raw, await view(backend, input, true)) : raw;
  }
  const mirrored = stream.memory.mirroredNext(stream.id, input.size);
  return stream.memory.combine(stream.id, input, await view(backend, input, mirrored), mirrored);
}
