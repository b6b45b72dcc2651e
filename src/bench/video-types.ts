/**
 * What the bench measures of the Video place (issue 18, docs/video-captions.md) and how it reports it: a video file
 * dropped on the built app, captioned scene by scene with the default real-world model, and the two ways of
 * sampling frames from a file (seeking an HTMLVideoElement, as the app does, and WebCodecs' VideoDecoder fed by
 * a demuxer). Plain data: bench.json holds it serialised.
 */

/** One scene of the app's JSON export (the fields the bench reads). */
export interface VideoScene {
  startSec: number;
  endSec: number;
  frameSec: number;
  coarse: string;
  refined: string | null;
}

/** A true shot of a bench clip (its sidecar's segment). */
export interface VideoShot {
  startSec: number;
  endSec: number;
  /** The photo shown and its hand-labelled COCO classes. */
  photo: string;
  labels: string[];
}

/** A memory reading during a video job, after a garbage collection in the page and the worker. */
export interface VideoMemorySample {
  /** ms since the file was picked. */
  atMs: number;
  /** How far into the video the job was (its progress bar), s; null when not read. */
  videoSec: number | null;
  /** Private memory (USS) of the browser's renderer processes: JS heaps, WASM memory, the decoder's buffers. */
  rendererPrivateBytes: number | null;
  /** The captioner worker's and the page's JS heaps (CDP Runtime.getHeapUsage). */
  workerHeapBytes: number | null;
  pageHeapBytes: number | null;
}

/** One video file through the Video place, from the file picker to the job's end. */
export interface VideoRun {
  file: string;
  durationSec: number;
  /** The file input's change event to the job panel's end phase, page clock, ms. */
  wallMs: number;
  /** The job's own time as the panel states it ("Done: N scenes in X.X s"), ms; null when not shown. */
  uiElapsedMs: number | null;
  phase: 'done' | 'failed' | 'cancelled';
  /** The options of the run, from the export. */
  sampleIntervalSec: number | null;
  scenes: VideoScene[];
  /** The clip's true shots (its sidecar); the cuts are every shot's start but the first. */
  shots: VideoShot[];
  /** Caption calls the page made during the job: page-side duration of each (frame transfer included), ms. */
  captionMs: number[];
  /** The worker's stage timings of each of those captions (src/core StageTimings: preprocess, encode, ..., total). */
  captionTimings?: Record<string, number>[];
  /** Main-thread tasks over 50 ms during the job, ms. */
  longTasksMs: number[];
  /** Readings during the job (the long run only), and one after it ended. */
  memory?: VideoMemorySample[];
  memoryAfter?: VideoMemorySample | null;
}

/** One pass of a sampling method over a whole file. */
export interface SamplingRound {
  method: 'seek' | 'webcodecs';
  /** 0-based; the methods alternate within a round and which goes first alternates between rounds. */
  round: number;
  /** From having the file's bytes to the last kept frame copied and closed, ms. */
  totalMs: number;
  /** Of totalMs: seek, the element reaching its first frame; WebCodecs, demuxing and configuring the decoder. */
  openMs: number;
  /** Frames kept (one per step). */
  keptFrames: number;
  /** Frames the decoder produced (seek: the frames kept; the element's own decoding is not visible). */
  decodedFrames: number;
}

export interface VideoSamplingMeasurement {
  file: string;
  stepSec: number;
  /** The codec string the demuxer gave (e.g. avc1.64001e), and the decoder's hardware preference. */
  codec: string | null;
  hardwareAcceleration: string;
  rounds: SamplingRound[];
  /**
   * Kept frames whose bytes (a checksum) were the same from both methods, first round; null when they kept a
   * different number of frames or a method did not run. Equal to the kept count: both saw the same pictures.
   */
  matchingFrames: number | null;
  /** Why the comparison did not run or stopped; null when it ran. */
  error: string | null;
}

/** Everything the bench measured of video files, before summarising. */
export interface VideoMeasurements {
  /** The model the Video place captioned with (its bundle name). */
  model: string | null;
  /** The 60 s clip, --video-runs times. */
  runs: VideoRun[];
  /** The 10-minute clip with memory readings; null when not run (--quick, --no-video-long). */
  long: VideoRun | null;
  sampling: VideoSamplingMeasurement | null;
  /** Load average at the start and end of the video part (1, 5, 15 min). */
  loadAverage: { start: number[]; end: number[] };
  notes: string[];
}

/** How the scene starts found lie against the true cuts. */
export interface CutErrors {
  /** Per true cut, the distance to the nearest scene start, s. */
  errorsSec: number[];
  medianSec: number | null;
  maxSec: number | null;
  /** True cuts with a scene start within one sample interval. */
  found: number;
  /** Scene starts (after 0) more than one sample interval from every true cut. */
  extra: number;
  /**
   * The cuts whose nearest scene start is further than the app's narrowing promises (interval / 8, docs/video-
   * captions.md "Narrowing a cut"), with that start; and the extra starts. For finding what went wrong where.
   */
  offCuts: { cutSec: number; nearestStartSec: number }[];
  extraStartsSec: number[];
}

export interface VideoRunReport {
  file: string;
  durationSec: number;
  phase: VideoRun['phase'];
  wallMs: number;
  uiElapsedMs: number | null;
  scenes: number;
  trueShots: number;
  cuts: CutErrors;
  /** Video seconds captioned per wall-clock second. */
  videoSecPerWallSec: number | null;
  captions: number;
  captionMedianMs: number | null;
  /** Medians of the worker's own timings of those captions: its total, and the stages that weigh most. */
  workerMedianMs: { total: number; preprocess: number; encode: number; lookAgain: number } | null;
  longTasks: number;
  longestTaskMs: number | null;
}

/** A memory figure over a long job. */
export interface MemoryTrend {
  samples: number;
  first: number;
  last: number;
  max: number;
  /** The first reading at or after the settling time, the base of `rise`. */
  baseline: number;
  baselineAtMs: number;
  /** (last - baseline) / baseline; null with no reading after the settling time but the last. */
  rise: number | null;
  /** Least-squares slope of the readings from the baseline on against video time, bytes per video minute. */
  slopePerVideoMinute: number | null;
  verdict: 'flat' | 'rising' | 'not measured';
}

export interface VideoReport {
  model: string | null;
  /** The 60 s clip, one report per run, and the medians over runs. */
  runs: VideoRunReport[];
  median: { wallMs: number; uiElapsedMs: number | null; videoSecPerWallSec: number | null } | null;
  /** The first run's scenes against the true shots, for the report's scene table. */
  scenes: VideoScene[];
  shots: VideoShot[];
  long:
    | (VideoRunReport & {
        renderer: MemoryTrend | null;
        workerHeap: MemoryTrend | null;
        /** The readings during the job (the trends are theirs). */
        memory: VideoMemorySample[];
        /** A reading once the job had ended and let go of the file; null when not read. */
        memoryAfter: VideoMemorySample | null;
      })
    | null;
  sampling: {
    file: string;
    stepSec: number;
    codec: string | null;
    hardwareAcceleration: string;
    rounds: SamplingRound[];
    seek: SamplingSummary | null;
    webcodecs: SamplingSummary | null;
    /** WebCodecs' median total / seeking's. */
    webcodecsVsSeek: number | null;
    matchingFrames: number | null;
    error: string | null;
  } | null;
  loadAverage: { start: number[]; end: number[] };
  notes: string[];
}

/** Medians over a method's rounds. */
export interface SamplingSummary {
  rounds: number;
  totalMs: number;
  perKeptFrameMs: number;
  openMs: number;
  keptFrames: number;
  decodedFrames: number;
}
