/**
 * The Video view's state: one job at a time (a file, its scenes, its progress), as plain data with pure updates,
 * so the view is a function of it and the tests need no DOM.
 */
import { errorKind } from '../../bridge/bridge-errors';
import { formatMediaTime } from '../../common/format';
import { toPlainError } from '../../core/errors';
import type { VideoCaptionOptions, VideoCaptionTrack, VideoScene } from '../../core/video/types';

export type VideoJobPhase = 'running' | 'done' | 'cancelled' | 'failed';

export interface VideoJobProblem {
  /** Machine-readable: a VideoFileError's problem, or the bridge's kind of error. */
  problem: string;
  title: string;
  detail: string;
}

export interface VideoJob {
  id: number;
  phase: VideoJobPhase;
  fileName: string;
  sizeBytes: number;
  video: { durationSec: number; width: number; height: number };
  /** Video time examined so far, and the estimate of what is left. */
  doneSec: number;
  etaSec: number | null;
  scenes: VideoScene[];
  problem: VideoJobProblem | null;
  options: VideoCaptionOptions;
  model: string;
  startedAtMs: number;
  /** Wall time the run took, when it ended. */
  elapsedMs: number | null;
}

/** A job for a file that opened: it starts running at once. */
export function newJob(
  id: number,
  file: { name: string; size: number },
  video: VideoJob['video'],
  options: VideoCaptionOptions,
  model: string,
  nowMs: number,
): VideoJob {
  return {
    id,
    phase: 'running',
    fileName: file.name,
    sizeBytes: file.size,
    video,
    doneSec: 0,
    etaSec: null,
    scenes: [],
    problem: null,
    options,
    model,
    startedAtMs: nowMs,
    elapsedMs: null,
  };
}

/** The job's words for a failure: a file's own problem as it is, a captioner's by the bridge's kind. */
export function videoProblem(error: unknown): VideoJobProblem {
  const e = error as { name?: string; problem?: string; title?: string; detail?: string };
  if (e?.name === 'VideoFileError' && e.problem && e.title && e.detail) {
    return { problem: e.problem, title: e.title, detail: e.detail };
  }
  const { name, message } = toPlainError(error);
  const named = `${name}: ${message}`;
  const kind = errorKind(error);
  const kept = 'The scenes captioned so far are kept.';
  switch (kind) {
    case 'crashed':
      return {
        problem: kind,
        title: 'The captioner stopped while working on this video.',
        detail: `It restarts by itself; caption the video again to finish. ${kept} (${named})`,
      };
    case 'model':
    case 'not-ready':
      return { problem: kind, title: 'The model is not ready.', detail: `Check the model in Settings. (${named})` };
    case 'backend':
      return {
        problem: kind,
        title: 'The model could not run here.',
        detail: `Try the other backend in Settings. ${kept} (${named})`,
      };
    default:
      return { problem: kind, title: 'Captioning the video failed.', detail: `${kept} (${named})` };
  }
}

/** The exports' input: what the job has, complete or not. */
export function trackOf(job: VideoJob): VideoCaptionTrack | null {
  if (job.scenes.length === 0) return null;
  return {
    file: { name: job.fileName, sizeBytes: job.sizeBytes, ...job.video },
    model: job.model,
    options: job.options,
    scenes: job.scenes,
    complete: job.phase === 'done',
    coveredSec: job.phase === 'done' ? job.video.durationSec : job.doneSec,
  };
}

/** "about 12 s left" / "about 2 min left"; '' while there is no estimate. */
export function formatEta(etaSec: number | null): string {
  if (etaSec === null || !Number.isFinite(etaSec)) return '';
  if (etaSec < 1) return 'almost done';
  if (etaSec < 90) return `about ${Math.ceil(etaSec)} s left`;
  return `about ${Math.round(etaSec / 60)} min left`;
}

const scenesWord = (n: number): string => `${n} scene${n === 1 ? '' : 's'}`;

/** "0:12 of 1:00 of video, about 8 s left": the progress bar's words (the estimate only while running). */
export function progressText(job: VideoJob): string {
  const eta = job.phase === 'running' ? formatEta(job.etaSec) : '';
  const at = `${formatMediaTime(job.doneSec)} of ${formatMediaTime(job.video.durationSec)} of video`;
  return eta ? `${at}, ${eta}` : at;
}

/** The line beside the file's name. */
export function statusText(job: VideoJob): string {
  const scenes = scenesWord(job.scenes.length);
  switch (job.phase) {
    case 'running':
      return `Captioning: ${progressText(job)}; ${scenes} so far`;
    case 'done':
      return `Done: ${scenes} in ${((job.elapsedMs ?? 0) / 1000).toFixed(1)} s`;
    case 'cancelled':
      return `Stopped at ${formatMediaTime(job.doneSec)}: ${scenes} kept`;
    default:
      return 'Stopped by an error';
  }
}

/** What screen readers hear: each new scene while running, then how the run ended ('' when nothing to say). */
export function announcementOf(job: VideoJob | null): string {
  if (!job) return '';
  const scenes = scenesWord(job.scenes.length);
  if (job.phase === 'done') return `Done: ${scenes} captioned.`;
  if (job.phase === 'cancelled') return `Stopped: ${scenes} kept.`;
  const last = job.scenes.at(-1);
  return last ? `Scene ${job.scenes.length} at ${formatMediaTime(last.startSec)}: ${last.refined ?? last.coarse}` : '';
}
