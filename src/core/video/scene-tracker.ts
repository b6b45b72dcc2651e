/**
 * Decides, sample by sample, where a new scene starts: on a cut (an abrupt change between two samples) or on a
 * drift (a slow change, such as a pan, that has added up since the scene started), never sooner than the minimum
 * gap after the scene's start. Pure state over signatures; captionVideo (caption-video.ts) drives it.
 */
import { signatureDistance } from './scene-signature';
import type { SceneSignature } from './types';

/** The drift threshold's default, as a multiple of the cut threshold (see SceneTrackerOptions.driftThreshold). */
export const DRIFT_FACTOR = 1.5;

export interface SceneTrackerOptions {
  /** A distance between consecutive samples above this is a cut (DEFAULT_CUT_THRESHOLD in scene-signature.ts). */
  cutThreshold: number;
  /** The shortest scene: a change sooner than this after the scene's start waits (see push). */
  minGapSec: number;
  /**
   * A distance from the scene's anchor above this starts a new scene even without a cut. Larger than
   * cutThreshold (default DRIFT_FACTOR x): motion inside one shot (people walking, a small pan) moves the
   * signature a little every sample, and only a change well past what a cut needs should count as a new view.
   */
  driftThreshold?: number;
}

/**
 * Why a sample opened a scene: the first sample; a cut from the previous sample; drift from the scene's anchor;
 * or a change seen inside the minimum gap that still held when the gap ended.
 */
export type SceneOpening = 'first' | 'cut' | 'drift' | 'held';

/** What one sample did to the scene list. */
export interface TrackStep {
  /** This sample opens a new scene (the caller captions it). Always true for the first sample. */
  newScene: boolean;
  /**
   * The sample differs abruptly from the previous one (distance > cutThreshold): the change happened between
   * the two, so the caller may narrow the boundary there before calling startScene. Reported whether or not
   * it opens a scene; a scene opened by drift or by a change that waited out the minimum gap has no such
   * boundary, and its start is this sample's time.
   */
  cut: boolean;
  /** Distance to the previous sample (0 for the first). */
  distance: number;
  /** Why the scene opened (precedence: cut, held, drift); null when newScene is false. */
  reason: SceneOpening | null;
}

export class SceneTracker {
  readonly cutThreshold: number;
  readonly driftThreshold: number;
  readonly minGapSec: number;
  private previous: { timeSec: number; signature: SceneSignature } | null = null;
  private anchor: SceneSignature | null = null;
  private startSec = 0;
  /** A change was seen before the minimum gap had elapsed; it opens a scene at the gap if it still holds. */
  private pending = false;

  constructor(options: SceneTrackerOptions) {
    const { cutThreshold, minGapSec } = options;
    const driftThreshold = options.driftThreshold ?? cutThreshold * DRIFT_FACTOR;
    if (!(cutThreshold > 0 && cutThreshold <= 1)) throw new RangeError(`cutThreshold ${cutThreshold} not in (0, 1]`);
    if (!(minGapSec >= 0 && Number.isFinite(minGapSec))) throw new RangeError(`minGapSec ${minGapSec} is not >= 0`);
    if (!(driftThreshold >= cutThreshold))
      throw new RangeError(`driftThreshold ${driftThreshold} is below cutThreshold ${cutThreshold}`);
    this.cutThreshold = cutThreshold;
    this.driftThreshold = driftThreshold;
    this.minGapSec = minGapSec;
  }

  /** Start of the current scene (seconds); 0 before the first sample. */
  get sceneStartSec(): number {
    return this.startSec;
  }

  /** Two signatures show different scenes (the test the caller's boundary bisection uses). */
  differs(a: SceneSignature, b: SceneSignature): boolean {
    return signatureDistance(a, b) > this.cutThreshold;
  }

  /**
   * Feeds the next sample (times must not go backwards). A new scene opens when, at least minGapSec after the
   * current one started, the sample is a cut, has drifted past driftThreshold from the scene's anchor, or a
   * change seen earlier inside the gap still holds (distance to the anchor above cutThreshold). It then starts
   * at `timeSec` with this sample as its anchor, until startScene says otherwise.
   */
  push(timeSec: number, signature: SceneSignature): TrackStep {
    const previous = this.previous;
    if (previous && !(timeSec >= previous.timeSec))
      throw new RangeError(`sample at ${timeSec} s comes before the previous one (${previous.timeSec} s)`);
    this.previous = { timeSec, signature };
    if (!previous || !this.anchor) {
      this.startScene(timeSec, signature);
      return { newScene: true, cut: false, distance: 0, reason: 'first' };
    }
    const distance = signatureDistance(previous.signature, signature);
    const cut = distance > this.cutThreshold;
    const fromAnchor = signatureDistance(this.anchor, signature);
    const drifted = fromAnchor > this.driftThreshold;
    if (timeSec - this.startSec < this.minGapSec) {
      if (cut || drifted) this.pending = true;
      return { newScene: false, cut, distance, reason: null };
    }
    const held = this.pending && fromAnchor > this.cutThreshold;
    // A held change started earlier than this sample, so it outranks drift (which has no start of its own).
    const reason = cut ? 'cut' : held ? 'held' : drifted ? 'drift' : null;
    // A pending change that no longer holds (a flash, a passing occluder) is forgotten.
    this.pending = false;
    if (reason) this.startScene(timeSec, signature);
    return { newScene: reason !== null, cut, distance, reason };
  }

  /**
   * Sets the current scene's start (a boundary the caller narrowed between two samples) and anchor (the
   * signature later samples are compared with to see drift).
   */
  startScene(timeSec: number, anchor: SceneSignature): void {
    this.startSec = timeSec;
    this.anchor = anchor;
    this.pending = false;
  }
}
