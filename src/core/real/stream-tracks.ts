/**
 * Steadier live captions: the glance's objects of a stream's frame, matched to those of the frame before, so that
 * a detector score wavering around a threshold does not rewrite the caption every frame. Three rules:
 * - A hedged object new to the stream is said from the second frame in a row that sees it (0.2 s later at five
 *   frames a second); a sure one is said at once, so a person walking in is named in the frame that sees them.
 * - A sure object stays sure while its score stays at TRACK_KEEP_SURE_SCORE or more (it became sure at
 *   CONFIDENT_MIN_SCORE), so "five people" does not turn into "four people; what look like two more" and back.
 * - An object said in the frame before and missing from this one is said once more, where it was
 *   (TRACK_HOLD_FRAMES), unless something of its class now overlaps it: alternate glance views and motion blur
 *   drop an object for a frame far more often than it leaves the picture in a fifth of a second.
 * Matching: same class, IoU at least TRACK_MATCH_IOU, best pairs first. A stream's first frame, a frame of
 * another stream or size (a new camera) or one after a silence (a pause) starts afresh, with nothing held and nothing
 * delayed. Still images never come here. Chosen on the 'tune' photos as panning streams (docs/real-photos.md).
 */
import { iou } from './geometry';
import type { SeenObject } from './types';
import { TRACK_HOLD_FRAMES, TRACK_KEEP_SURE_SCORE, TRACK_MATCH_IOU, TRACK_MAX_GAP_MS } from './constants';

interface Track {
  /** As last seen (or held), with the hedge it was said with. */
  object: SeenObject;
  /**
   * Said sure, or hedged and seen in two frames in a row: only such an object is held when missing (a hedged one
   * seen once is too weak to repeat, even where the stream's first frame said it).
   */
  holdable: boolean;
  /** Frames in a row it was held without being seen. */
  missed: number;
}

interface StreamState {
  stream: string;
  width: number;
  height: number;
  at: number;
  tracks: Track[];
}

/** Pairs (object index, track index) of the same class, best IoU first, each used once. */
function matchTracks(objects: readonly SeenObject[], tracks: readonly Track[]): Map<number, number> {
  const pairs: { o: number; t: number; overlap: number }[] = [];
  objects.forEach((o, oi) =>
    tracks.forEach((t, ti) => {
      if (t.object.label !== o.label) return;
      const overlap = iou(o.box, t.object.box);
      if (overlap >= TRACK_MATCH_IOU) pairs.push({ o: oi, t: ti, overlap });
    }),
  );
  pairs.sort((a, b) => b.overlap - a.overlap);
  const byObject = new Map<number, number>();
  const usedTracks = new Set<number>();
  for (const p of pairs) {
    if (byObject.has(p.o) || usedTracks.has(p.t)) continue;
    byObject.set(p.o, p.t);
    usedTracks.add(p.t);
  }
  return byObject;
}

/** One captioner's tracks: one stream at a time, as its look and glance memories (another stream id starts afresh). */
export class StreamTracks {
  private last: StreamState | null = null;

  /**
   * The objects to say for this frame of `stream`: this frame's (hedges steadied) and those held from the frame
   * before. `now` is a clock in ms (a gap over TRACK_MAX_GAP_MS starts afresh: a paused camera's old objects
   * must not come back).
   */
  steady(
    stream: string,
    objects: readonly SeenObject[],
    frame: { width: number; height: number },
    now: number,
  ): SeenObject[] {
    const before = this.last;
    const fresh =
      !before ||
      before.stream !== stream ||
      before.width !== frame.width ||
      before.height !== frame.height ||
      now - before.at > TRACK_MAX_GAP_MS;
    const tracks = fresh ? [] : before.tracks;
    const matched = matchTracks(objects, tracks);
    const next: Track[] = [];
    const said: SeenObject[] = [];
    objects.forEach((o, i) => {
      const t = matched.get(i);
      const was = t === undefined ? null : tracks[t];
      const keptSure = was !== null && !was.object.hedged && o.hedged && o.score >= TRACK_KEEP_SURE_SCORE;
      const object = keptSure ? { ...o, hedged: false } : o;
      next.push({ object, holdable: !object.hedged || was !== null, missed: 0 });
      if (fresh || !object.hedged || was !== null) said.push(object);
    });
    const matchedTracks = new Set(matched.values());
    tracks.forEach((t, ti) => {
      if (matchedTracks.has(ti) || !t.holdable || t.missed >= TRACK_HOLD_FRAMES) return;
      // Something of its class where it was (a second box of the same thing) says it is still seen: holding it
      // too would count it twice.
      if (said.some((o) => o.label === t.object.label && iou(o.box, t.object.box) >= TRACK_MATCH_IOU)) return;
      said.push(t.object);
      next.push({ ...t, missed: t.missed + 1 });
    });
    this.last = { stream, width: frame.width, height: frame.height, at: now, tracks: next };
    return said;
  }
}
