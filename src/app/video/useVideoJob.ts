import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptionService } from '../../capture/caption-service';
import { openVideoFile } from '../../capture/video-file/open-video-file';
import { sceneCaptioner } from '../../capture/video-file/scene-captioner';
import { videoSampleSource } from '../../capture/video-file/video-sample-source';
import { captionVideo } from '../../core/video/caption-video';
import type { VideoCaptionOptions } from '../../core/video/types';
import { newJob, videoProblem, type VideoJob, type VideoJobProblem } from './video-job';

/** A file that could not be opened: said beside the job it did not replace. */
export interface RefusedFile {
  fileName: string;
  problem: VideoJobProblem;
}

/**
 * One video job at a time: open the file (a clear error for anything the browser cannot play), sample and caption
 * it through the service, keep every scene captioned even when the run is cancelled or fails. A file that opens
 * replaces the job before it (cancelling it); one that does not open is refused and the job before it stays, so a
 * wrong drop loses nothing. `playerUrl` is the view's own object URL of the file (the sampler has another element).
 */
export function useVideoJob(service: CaptionService | null, model: string) {
  const [job, setJob] = useState<VideoJob | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [refused, setRefused] = useState<RefusedFile | null>(null);
  const [playerUrl, setPlayerUrl] = useState<string | null>(null);
  /** The newest file handed in (or cleared): an older file's open that ends later is dropped. It is the job's id. */
  const latest = useRef(0);
  const current = useRef<{ id: number; abort: AbortController } | null>(null);

  const replacePlayerUrl = useCallback((url: string | null) => {
    setPlayerUrl((previous) => {
      if (previous) URL.revokeObjectURL(previous);
      return url;
    });
  }, []);

  const start = useCallback(
    async (file: File, options: VideoCaptionOptions) => {
      if (!service) return;
      const id = ++latest.current;
      setOpening(file.name);
      setRefused(null);
      let opened;
      try {
        opened = await openVideoFile(file);
      } catch (error) {
        if (latest.current === id) {
          setOpening(null);
          setRefused({ fileName: file.name, problem: videoProblem(error) });
        }
        return;
      }
      if (latest.current !== id) {
        opened.close(); // another file was dropped, or the view cleared, meanwhile
        return;
      }
      setOpening(null);
      current.current?.abort.abort();
      const abort = new AbortController();
      current.current = { id, abort };
      const startedAt = performance.now();
      const update = (patch: Partial<VideoJob>) => setJob((j) => (j && j.id === id ? { ...j, ...patch } : j));
      const elapsed = () => Math.round(performance.now() - startedAt);
      const video = { durationSec: opened.durationSec, width: opened.width, height: opened.height };
      setJob(newJob(id, file, video, options, model, Date.now()));
      replacePlayerUrl(URL.createObjectURL(file));
      try {
        const result = await captionVideo(
          videoSampleSource(opened, file.name),
          sceneCaptioner(service, options),
          options,
          {
            signal: abort.signal,
            onProgress: (p) => update({ doneSec: p.doneSec, etaSec: p.etaSec, scenes: p.scenes }),
          },
        );
        update({
          phase: result.error ? 'failed' : result.complete ? 'done' : 'cancelled',
          scenes: result.scenes,
          doneSec: result.coveredSec,
          etaSec: null,
          problem: result.error ? videoProblem(result.error) : null,
          elapsedMs: elapsed(),
        });
      } finally {
        opened.close();
        if (current.current?.id === id) current.current = null;
      }
    },
    [service, model, replacePlayerUrl],
  );

  const cancel = useCallback(() => current.current?.abort.abort(), []);

  const clear = useCallback(() => {
    latest.current++;
    current.current?.abort.abort();
    current.current = null;
    setOpening(null);
    setJob(null);
    setRefused(null);
    replacePlayerUrl(null);
  }, [replacePlayerUrl]);

  // Leaving for good (unmount) stops the job and frees the file's URL.
  useEffect(
    () => () => {
      current.current?.abort.abort();
      setPlayerUrl((previous) => {
        if (previous) URL.revokeObjectURL(previous);
        return null;
      });
    },
    [],
  );

  return { job, opening, refused, playerUrl, start, cancel, clear };
}
