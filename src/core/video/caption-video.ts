/**
 * Captions a whole video, one caption per scene: walks the sample times, finds new scenes with a SceneTracker,
 * narrows each cut between two samples by bisection (never to before the minimum gap), and captions the sample
 * that revealed each scene while sampling goes on. Generic over the frame type F (a VideoFrame, an ImageBitmap,
 * a test's object), so it stays pure: the page supplies the source (seeks and signatures) and the captioner (the
 * worker).
 */
import { ProgressClock } from './progress-clock';
import { narrowBoundary, sampleTimes } from './sample-times';
import { DEFAULT_CUT_THRESHOLD } from './scene-signature';
import { SceneTracker } from './scene-tracker';
import type { SceneSignature, VideoCaptionOptions, VideoScene } from './types';

/** The video being captioned, as the page's sampler offers it. */
export interface VideoSampleSource<F> {
  readonly durationSec: number;
  /** Seeks to timeSec and returns the frame shown there with its signature; the caller then owns `frame`. */
  grab(timeSec: number): Promise<{ frame: F; signature: SceneSignature }>;
  /** Frees a frame that will not be captioned. */
  release(frame: F): void;
}

/** What a caption adds to a scene. */
export type SceneCaption = Pick<VideoScene, 'coarse' | 'refined' | 'regions' | 'objects' | 'outOfDomain'>;

/** Captions one frame; takes ownership of it (frees it whatever happens). Rejects on cancel via the signal. */
export type SceneCaptioner<F> = (frame: F, signal: AbortSignal) => Promise<SceneCaption>;

export interface VideoRunProgress {
  /** Video time sampled so far (the last sample's time; durationSec once everything is done). */
  doneSec: number;
  durationSec: number;
  fraction: number;
  etaSec: number | null;
  /** The scenes captioned so far (a copy); the last one's endSec is doneSec until the next scene starts. */
  scenes: VideoScene[];
}

export interface VideoRunResult {
  /** In time order, contiguous from 0: each ends where the next starts, the last at coveredSec. */
  scenes: VideoScene[];
  /** Every sample was examined and every scene captioned. */
  complete: boolean;
  /** durationSec when complete; otherwise how far the scenes reach (VideoCaptionTrack.coveredSec). */
  coveredSec: number;
  /** Why an incomplete run stopped, when it failed (a cancelled run has none). */
  error?: unknown;
}

export interface CaptionVideoHooks {
  /** Aborting stops sampling and cancels the caption in flight; the run then resolves with what it has. */
  signal?: AbortSignal;
  /** Called after each sample and each finished caption. Must not throw (a throw stops the run as a failure). */
  onProgress?: (progress: VideoRunProgress) => void;
  /** Wall clock in ms for the time-left estimate (default performance.now). */
  now?: () => number;
  /** Bisection probes per cut (default DEFAULT_NARROW_STEPS); a cut lands within interval / 2^steps. */
  narrowSteps?: number;
}

/** Three probes put a cut within an eighth of the interval (62 ms at 0.5 s, under two frames at 25 fps). */
export const DEFAULT_NARROW_STEPS = 3;

/** A scene whose start is known; its caption may still be running. */
interface OpenedScene {
  index: number;
  startSec: number;
  frameSec: number;
}

/** The one caption running while sampling goes on. */
interface CaptionInFlight {
  scene: OpenedScene;
  /** Settles (never rejects) when the caption has finished, failed or been cancelled. */
  settled: Promise<void>;
  failed: boolean;
  error?: unknown;
}

/** What captionVideo's steps share while it runs. */
interface RunState {
  inFlight: CaptionInFlight | null;
  /** The first failure (a grab, a caption, onProgress); a cancel is none. */
  failure: { error: unknown } | null;
  /** Start of a scene whose caption did not finish: the run covers no further. */
  droppedSec: number | null;
  /** The last sample examined (pushed into the tracker). */
  examinedSec: number;
}

/**
 * Captions `source` scene by scene (see the file comment). Frames: every frame grabbed is either handed to
 * `captionScene` (the sample that revealed a scene) or released, exactly once, on every path. At most one caption
 * runs at a time, overlapping the sampling; a new scene found meanwhile waits for it, so scenes finish in time
 * order. Never rejects once started: a cancel resolves with complete=false and no error, a failing grab or
 * caption with complete=false and `error`; either way the scenes already captioned are kept, and a scene whose
 * caption did not finish is dropped (coveredSec then stops at its start). Throws RangeError at once for a
 * duration or interval that is not a positive number, or a bad narrowSteps.
 */
export async function captionVideo<F>(
  source: VideoSampleSource<F>,
  captionScene: SceneCaptioner<F>,
  options: VideoCaptionOptions,
  hooks: CaptionVideoHooks = {},
): Promise<VideoRunResult> {
  const { signal, onProgress, now = () => performance.now(), narrowSteps = DEFAULT_NARROW_STEPS } = hooks;
  const { durationSec } = source;
  const times = sampleTimes(durationSec, options.sampleIntervalSec);
  if (!(Number.isInteger(narrowSteps) && narrowSteps >= 0))
    throw new RangeError(`narrowSteps must be a whole number >= 0, got ${narrowSteps}`);
  const tracker = new SceneTracker({ cutThreshold: DEFAULT_CUT_THRESHOLD, minGapSec: options.minGapSec });
  const clock = new ProgressClock(durationSec, now());

  // The caption gets a signal of its own: cancelling the run aborts it, and so may nothing else.
  const captionAbort = new AbortController();
  const cancelCaption = () => captionAbort.abort(signal?.reason);
  signal?.addEventListener('abort', cancelCaption, { once: true });

  const opened: OpenedScene[] = [];
  const captioned: VideoScene[] = [];
  const run: RunState = { inFlight: null, failure: null, droppedSec: null, examinedSec: 0 };

  const stopped = () => signal?.aborted === true || run.failure !== null || run.inFlight?.failed === true;

  /** The captioned scenes, each ending where the next opened one starts, the last at `endOfLast` otherwise. */
  const scenesEndingAt = (endOfLast: number): VideoScene[] =>
    captioned.map((scene, i) => ({ ...scene, endSec: opened[i + 1]?.startSec ?? endOfLast }));

  const report = (doneSec: number): void => {
    if (!onProgress) return;
    const { fraction, etaSec } = clock.update(doneSec, now());
    try {
      onProgress({ doneSec, durationSec, fraction, etaSec, scenes: scenesEndingAt(doneSec) });
    } catch (error) {
      run.failure ??= { error };
    }
  };

  const startCaption = (scene: OpenedScene, frame: F): void => {
    const flight: CaptionInFlight = { scene, settled: Promise.resolve(), failed: false };
    // Called from a then() so that even a captioner that throws synchronously ends up in `failed`.
    flight.settled = Promise.resolve()
      .then(() => captionScene(frame, captionAbort.signal))
      .then(
        (caption) => {
          captioned.push({ ...scene, endSec: scene.startSec, ...caption });
          report(run.examinedSec);
        },
        (error: unknown) => {
          flight.failed = true;
          flight.error = error;
        },
      );
    run.inFlight = flight;
  };

  /** Waits for the caption in flight; false when it did not finish (its scene is then dropped). */
  const settleInFlight = async (): Promise<boolean> => {
    const flight = run.inFlight;
    if (!flight) return true;
    await flight.settled;
    run.inFlight = null;
    if (!flight.failed) return true;
    run.droppedSec = flight.scene.startSec;
    if (!signal?.aborted) run.failure ??= { error: flight.error };
    return false;
  };

  /** Grabs and examines every sample; returns true when all were examined, false when stopped early. */
  const sampleAll = async (): Promise<boolean> => {
    let previous: { timeSec: number; signature: SceneSignature } | null = null;
    for (const timeSec of times) {
      if (stopped()) return false;
      const sceneStartSec = tracker.sceneStartSec;
      const { frame, signature } = await source.grab(timeSec);
      let owned = true;
      try {
        if (signal?.aborted) return false;
        const step = tracker.push(timeSec, signature);
        if (step.newScene) {
          let startSec = timeSec;
          // A change the minimum gap held back opens its scene as soon as the gap allows.
          const earliestSec = sceneStartSec + options.minGapSec;
          if (step.reason === 'cut' && previous) {
            const before = previous.signature;
            const fromSec = Math.max(previous.timeSec, earliestSec);
            if (fromSec < timeSec)
              startSec = await narrowBoundary(fromSec, timeSec, narrowSteps, async (probeSec) => {
                // Once cancelled, the remaining probes end at once; the boundary no longer matters.
                if (signal?.aborted) return true;
                const probe = await source.grab(probeSec);
                source.release(probe.frame);
                return tracker.differs(before, probe.signature);
              });
          } else if (step.reason === 'held' && previous) {
            startSec = Math.max(previous.timeSec, earliestSec);
          }
          if (startSec !== timeSec) tracker.startScene(startSec, signature);
          if (signal?.aborted || !(await settleInFlight()) || stopped()) return false;
          const scene: OpenedScene = { index: opened.length, startSec, frameSec: timeSec };
          opened.push(scene);
          owned = false;
          startCaption(scene, frame);
        }
        previous = { timeSec, signature };
        run.examinedSec = timeSec;
      } finally {
        if (owned) source.release(frame);
      }
      report(timeSec);
    }
    return true;
  };

  let sampledAll = false;
  try {
    sampledAll = await sampleAll();
  } catch (error) {
    run.failure ??= { error };
  }
  try {
    if (signal?.aborted) captionAbort.abort(signal.reason);
    // A failed grab leaves the caption in flight to finish: it is work already paid for.
    await settleInFlight();
  } finally {
    signal?.removeEventListener('abort', cancelCaption);
  }

  if (sampledAll && run.failure === null && run.droppedSec === null) {
    // A throwing onProgress on this last report no longer changes anything: the run is complete.
    report(durationSec);
    return { scenes: scenesEndingAt(durationSec), complete: true, coveredSec: durationSec };
  }
  const coveredSec = run.droppedSec ?? run.examinedSec;
  const result: VideoRunResult = { scenes: scenesEndingAt(coveredSec), complete: false, coveredSec };
  if (run.failure) result.error = run.failure.error;
  return result;
}
