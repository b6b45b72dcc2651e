import { describe, expect, it } from 'vitest';
import { namedError } from '../../bridge/bridge-errors';
import { DEFAULT_VIDEO_OPTIONS } from '../../core/video/video-options';
import type { VideoScene } from '../../core/video/types';
import { VideoFileError } from '../../capture/video-file/video-file-error';
import { announcementOf, formatEta, newJob, progressText, statusText, trackOf, videoProblem } from './video-job';

const scene = (index: number, startSec: number, endSec: number): VideoScene => ({
  index,
  startSec,
  endSec,
  frameSec: startSec,
  coarse: `scene ${index}`,
  refined: null,
  regions: [],
});

const job = () =>
  newJob(1, { name: 'a.mp4', size: 10 }, { durationSec: 60, width: 640, height: 480 }, DEFAULT_VIDEO_OPTIONS, 'm', 0);

describe('video job', () => {
  it('has no track to export before its first scene', () => {
    expect(trackOf(job())).toBeNull();
  });

  it('exports what it has: complete to the end when done, up to the examined time otherwise', () => {
    const running = { ...job(), doneSec: 12.5, scenes: [scene(0, 0, 12.5)] };
    expect(trackOf(running)).toMatchObject({ complete: false, coveredSec: 12.5 });
    const cancelled = { ...running, phase: 'cancelled' as const };
    expect(trackOf(cancelled)).toMatchObject({ complete: false, coveredSec: 12.5 });
    const done = { ...running, phase: 'done' as const };
    expect(trackOf(done)).toMatchObject({ complete: true, coveredSec: 60, file: { name: 'a.mp4', durationSec: 60 } });
  });

  it("keeps a file's own problem and words a captioner's failure by its kind", () => {
    const file = new VideoFileError({ problem: 'no-video-track', title: 'No pictures.', detail: 'sound only' });
    expect(videoProblem(file)).toEqual({ problem: 'no-video-track', title: 'No pictures.', detail: 'sound only' });
    const crash = videoProblem(namedError('WorkerCrashedError', 'gone'));
    expect(crash.problem).toBe('crashed');
    expect(crash.detail).toContain('kept');
    expect(videoProblem(new Error('boom')).problem).toBe('internal');
  });

  it('words the time left', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(0.4)).toBe('almost done');
    expect(formatEta(12.2)).toBe('about 13 s left');
    expect(formatEta(300)).toBe('about 5 min left');
  });

  it('words progress, status and announcements by phase', () => {
    const running = { ...job(), doneSec: 12.5, etaSec: 8.2, scenes: [scene(0, 0, 12.5)] };
    expect(progressText(running)).toBe('0:12 of 1:00 of video, about 9 s left');
    expect(statusText(running)).toBe('Captioning: 0:12 of 1:00 of video, about 9 s left; 1 scene so far');
    expect(announcementOf(running)).toBe('Scene 1 at 0:00: scene 0');
    const done = {
      ...running,
      phase: 'done' as const,
      etaSec: null,
      elapsedMs: 10_240,
      scenes: [scene(0, 0, 5), scene(1, 5, 60)],
    };
    expect(progressText(done)).toBe('0:12 of 1:00 of video');
    expect(statusText(done)).toBe('Done: 2 scenes in 10.2 s');
    expect(announcementOf(done)).toBe('Done: 2 scenes captioned.');
    const cancelled = { ...running, phase: 'cancelled' as const };
    expect(progressText(cancelled)).toBe('0:12 of 1:00 of video');
    expect(statusText(cancelled)).toBe('Stopped at 0:12: 1 scene kept');
    expect(announcementOf(cancelled)).toBe('Stopped: 1 scene kept.');
    expect(statusText({ ...running, phase: 'failed' })).toBe('Stopped by an error');
    expect(announcementOf(job())).toBe('');
    expect(announcementOf(null)).toBe('');
  });
});
