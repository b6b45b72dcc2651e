import { describe, expect, it } from 'vitest';
import { namedError } from '../../bridge/bridge-errors';
import { DEFAULT_VIDEO_OPTIONS } from '../../core/video/video-options';
import type { VideoScene } from '../../core/video/types';
import { VideoFileError } from '../../capture/video-file/video-file-error';
import { formatClock, formatEta, newJob, trackOf, videoProblem } from './video-job';

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

  it('formats clocks and estimates', () => {
    expect(formatClock(65.34)).toBe('1:05');
    expect(formatClock(65.34, true)).toBe('1:05.3');
    expect(formatClock(-1)).toBe('0:00');
    expect(formatEta(null)).toBe('');
    expect(formatEta(0.4)).toBe('almost done');
    expect(formatEta(12.2)).toBe('about 13 s left');
    expect(formatEta(300)).toBe('about 5 min left');
  });
});
