/**
 * A captioned video's exports (docs/video-captions.md): a WebVTT description track, one cue per scene, and a JSON
 * file with both captions, regions and times; plus the lookup of the scene playing at a given time.
 */
import { vttEscape, vttTimestamp } from '../text/webvtt';
import type { VideoCaptionTrack, VideoScene } from './types';

/** The JSON export's `format` field: bump the number when a field changes meaning or goes away. */
export const VIDEO_CAPTIONS_FORMAT = 'glance.video-captions/1';

/** Shortest cue we write: a scene shorter than a millisecond still gets a cue a player keeps. */
const MIN_CUE_MS = 1;

/** A cue's text when the caption came out empty: an empty payload would end the cue block. */
const EMPTY_CUE_TEXT = '…';

/** The text a scene is known by: the refined caption when there is one. */
export const sceneText = (scene: VideoScene): string => scene.refined ?? scene.coarse;

/** Text for a NOTE line: on one line and without "-->", which would end the comment. */
const noteText = (text: string): string => text.replace(/\s+/g, ' ').replace(/-->/g, '->').trim();

/**
 * The track as WebVTT for `<track kind="descriptions">` (or kind="captions" to show it on the video): a NOTE
 * naming Glance, the file and the model; for a partial run, a NOTE saying where it stopped; then one cue per
 * scene with the id `scene-N` (1-based), from its start to its end, saying its refined caption (else the coarse
 * one). Cue times are monotonic and every cue lasts at least MIN_CUE_MS, even for scenes that touch or overlap.
 */
export function videoTrackToWebVtt(track: VideoCaptionTrack): string {
  const lines = [
    'WEBVTT',
    '',
    noteText(
      `NOTE Scene descriptions of "${track.file.name}" written by Glance (in-browser captioning) with the model ` +
        `${track.model}. A description track: load it with <track kind="descriptions" srclang="en" src="...">, or ` +
        `kind="captions" to show it on the video.`,
    ),
    '',
  ];
  if (!track.complete)
    lines.push(
      `NOTE Partial track: the run stopped (cancelled or failed) at ${vttTimestamp(track.coveredSec * 1000)} of ` +
        `${vttTimestamp(track.file.durationSec * 1000)}; there are no cues after that.`,
      '',
    );
  let previousEndMs = 0;
  track.scenes.forEach((scene, i) => {
    const startMs = Math.max(Math.round(scene.startSec * 1000), previousEndMs);
    const endMs = Math.max(Math.round(scene.endSec * 1000), startMs + MIN_CUE_MS);
    previousEndMs = endMs;
    const text = vttEscape(sceneText(scene)) || EMPTY_CUE_TEXT;
    lines.push(`scene-${i + 1}`, `${vttTimestamp(startMs)} --> ${vttTimestamp(endMs)}`, text, '');
  });
  return lines.join('\n');
}

const toMs = (sec: number): number => Math.round(sec * 1000) / 1000;
const toTenthPx = (px: number): number => Math.round(px * 10) / 10;
const toScore = (score: number): number => Math.round(score * 1000) / 1000;

function box<B extends { x: number; y: number; w: number; h: number }>(b: B): B {
  return { ...b, x: toTenthPx(b.x), y: toTenthPx(b.y), w: toTenthPx(b.w), h: toTenthPx(b.h) };
}

function sceneJson(scene: VideoScene): VideoScene {
  const objects = scene.objects && {
    coarse: scene.objects.coarse.map((o) => ({ ...o, box: box(o.box), score: toScore(o.score) })),
    ...(scene.objects.refined && {
      refined: scene.objects.refined.map((o) => ({ ...o, box: box(o.box), score: toScore(o.score) })),
    }),
  };
  return {
    index: scene.index,
    startSec: toMs(scene.startSec),
    endSec: toMs(scene.endSec),
    frameSec: toMs(scene.frameSec),
    coarse: scene.coarse,
    refined: scene.refined,
    regions: scene.regions.map((r) => ({ ...box(r), score: toScore(r.score) })),
    ...(objects && { objects }),
    ...(scene.outOfDomain && { outOfDomain: { ...scene.outOfDomain, score: toScore(scene.outOfDomain.score) } }),
  };
}

/**
 * The track as JSON (docs/video-captions.md): `format` (VIDEO_CAPTIONS_FORMAT) then every field of the track,
 * times rounded to the millisecond, boxes to a tenth of a pixel, scores to 3 decimals. Pretty-printed.
 */
export function videoTrackToJson(track: VideoCaptionTrack): string {
  return JSON.stringify(
    {
      format: VIDEO_CAPTIONS_FORMAT,
      file: { ...track.file, durationSec: toMs(track.file.durationSec) },
      model: track.model,
      options: track.options,
      complete: track.complete,
      coveredSec: toMs(track.coveredSec),
      scenes: track.scenes.map(sceneJson),
    },
    null,
    2,
  );
}

/**
 * Index of the scene playing at `timeSec` (scenes in time order, as captionVideo gives them), -1 when none: each
 * scene covers [startSec, endSec), the last one its end too (a player that reached the end still shows it).
 * Binary search: called on every timeupdate of the player.
 */
export function sceneAt(scenes: readonly VideoScene[], timeSec: number): number {
  let low = 0;
  let high = scenes.length - 1;
  let found = -1;
  // The last scene starting at or before timeSec.
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (scenes[mid].startSec <= timeSec) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return -1;
  const { endSec } = scenes[found];
  const last = found === scenes.length - 1;
  return timeSec < endSec || (last && timeSec === endSec) ? found : -1;
}
