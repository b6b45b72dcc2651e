/**
 * What the bench measures of the hub families (issue 15): each designed tiny fixture (scripts/hub-fixtures) loaded
 * through transformers.js in the app's worker on WASM and timed per caption, so a regression in the integration
 * shows. The fixtures are a few hundred kB of designed weights, not real models: the figures are the integration's
 * cost (processor, generate loop, second look, messaging), not targets. Plain data: bench.json holds it serialised.
 */
import type { CaptionStyle } from '../core/bundle/config';
import type { CaptionSample } from './bench-types';
import type { Summary } from './stats';

/** One family's fixture as the bench timed it. */
export interface HubFamilyMeasurement {
  /** ORG/NAME, as the hub (and the fixture folder) names it, e.g. glance-test/smolvlm-tiny. */
  repoId: string;
  /** config.json's model_type: vision-encoder-decoder, florence2, idefics3. */
  modelType: string;
  /** client.load(url) to ready, ms: downloads from the local hub server, sessions, the warm-up caption. */
  loadMs: number | null;
  /** Of loadMs: the worker's warm-up caption, ms. */
  warmupMs: number | null;
  /** WASM threads the worker reported. */
  threads: number | null;
  /** Coarse only, then coarse + refined (the second look), through the app's worker. */
  coarse: CaptionSample[];
  refined: CaptionSample[];
  /** Why the family has no (or only some) figures: it failed to load or to caption; null when it ran. */
  error: string | null;
}

export interface HubMeasurements {
  /** What was captioned, in words (e.g. "4 world images x 3 runs"). */
  inputs: string;
  style: CaptionStyle;
  families: HubFamilyMeasurement[];
}

/** Medians instead of samples. */
export interface HubFamilyReport {
  repoId: string;
  modelType: string;
  loadMs: number | null;
  warmupMs: number | null;
  threads: number | null;
  /** The worker's total per caption, ms (timings.total, as the per-caption table's median). */
  coarse: Summary | null;
  refined: Summary | null;
  /** Coarse + refined as the page saw it (frame transfer and messaging included), ms. */
  refinedRoundTrip: Summary | null;
  /**
   * Of coarse + refined: the second look (close-ups and the refined caption, stages lookAgain + pass2), ms. Near
   * 0 on every input would mean the look no longer happens, which the refined median alone would read as a gain.
   */
  secondLook: Summary | null;
  error: string | null;
}

export interface HubReport {
  inputs: string;
  style: CaptionStyle;
  families: HubFamilyReport[];
}
