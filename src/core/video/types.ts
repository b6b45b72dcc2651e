/**
 * Captioning a video file (issue 18): the plain data that src/core/video's modules share with the page's sampler
 * (src/capture/video-file) and the Video view (src/app/video). Pure: no DOM, no VideoFrame.
 */
import type { CaptionStyle } from '../bundle/config';
import type { NamedObject, RegionBox } from '../caption-types';

/** Pixel layouts `VideoFrame.copyTo` can hand back (WebCodecs' VideoPixelFormat, those we read). */
export type PixelFormat = 'I420' | 'I420A' | 'I422' | 'I444' | 'NV12' | 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX';

/** Where one plane starts in `data` and how many bytes one of its rows takes (WebCodecs' PlaneLayout). */
export interface PlaneLayout {
  offset: number;
  stride: number;
}

/**
 * A picture's pixels as `VideoFrame.copyTo` lays them out: Y, U, V (and A) planes for the YUV formats (NV12: Y,
 * then interleaved UV), one plane of 4 bytes a pixel for the RGB ones. `width` x `height` is the visible picture.
 */
export interface PlanarPixels {
  format: PixelFormat;
  width: number;
  height: number;
  data: Uint8Array;
  layout: readonly PlaneLayout[];
}

/**
 * A small summary of a picture that tells scenes apart cheaply: the mean luma and chroma of each cell of a fixed
 * grid, and a luma histogram; every value 0..1. Two frames of one shot differ little; a cut differs a lot.
 */
export interface SceneSignature {
  /** GRID x GRID cells, row-major, 3 values (Y, U, V) per cell. */
  grid: Float32Array;
  /** HISTOGRAM_BINS luma bins, summing to 1. */
  histogram: Float32Array;
}

/** What the user chose for one video (the Video view's options; defaults in video-options.ts). */
export interface VideoCaptionOptions {
  /** Seconds between sampled frames (scene changes are found at this step, then narrowed). */
  sampleIntervalSec: number;
  /** The shortest scene that gets a caption of its own: a change sooner than this after the last one waits. */
  minGapSec: number;
  style: CaptionStyle;
  /** Run the second look (coarse + refined) or the glance only. */
  refine: boolean;
}

/** One scene: from its first frame to the next scene's, with the captions of the frame that was captioned. */
export interface VideoScene {
  /** 0-based, in time order. */
  index: number;
  startSec: number;
  endSec: number;
  /** The time of the frame that was captioned (a sample inside the scene). */
  frameSec: number;
  coarse: string;
  /** null when refinement was off. */
  refined: string | null;
  /** The second look's regions, in frame pixels (empty without them). */
  regions: { x: number; y: number; w: number; h: number; score: number }[];
  /** The objects the captions name, with boxes, when the captioner knows them (the real-world model). */
  objects?: { coarse: NamedObject[]; refined?: NamedObject[] };
  /** Set when the model said the frame lies outside what it knows (its caption is then its fixed sentence). */
  outOfDomain?: { reason: string; score: number };
}

/** A whole run over one file: what the exports (WebVTT, JSON) are made from. */
export interface VideoCaptionTrack {
  file: { name: string; sizeBytes: number; durationSec: number; width: number; height: number };
  /** The model's display name (bundle folder name or URL). */
  model: string;
  options: VideoCaptionOptions;
  scenes: VideoScene[];
  /** false when the run was cancelled or failed part way: `scenes` cover [0, coveredSec) only. */
  complete: boolean;
  /** Video time up to which the file was examined. */
  coveredSec: number;
}

export type { RegionBox };
