/**
 * Every threshold of the real-world caption writer, with its unit and why it has that value. Scores are detector
 * confidences (0..1); shares are fractions of the frame's area; px are frame pixels.
 */

/** A detection at or above this score is said plainly ("a cat"). RealWorld.md saw a cat called "dog" at 0.48. */
export const CONFIDENT_MIN_SCORE = 0.5;
/** Between this and CONFIDENT_MIN_SCORE a detection is hedged ("what looks like a cat"); below it, not said. */
export const HEDGE_MIN_SCORE = 0.35;

/**
 * A live stream's steadier captions (stream-tracks.ts). Same class and boxes overlapping by this IoU: the same
 * object in the next frame (a walker at 5 frames a second moves a fraction of their width).
 */
export const TRACK_MATCH_IOU = 0.3;
/** A sure object of the frame before stays sure down to this score (hysteresis under CONFIDENT_MIN_SCORE). */
export const TRACK_KEEP_SURE_SCORE = 0.4;
/** An object said in the frame before and not seen in this one is still said for this many frames. */
export const TRACK_HOLD_FRAMES = 1;
/** A stream silent for longer than this (paused, a stalled camera) starts with no objects held. */
export const TRACK_MAX_GAP_MS = 2000;

/** Box share of the frame below which an object is 'small' (about 90x90 px of 640x480): worth a closer look. */
export const SMALL_MAX_AREA_SHARE = 0.03;
/** Box share above which a non-person object is 'large': it dominates the picture. */
export const LARGE_MIN_AREA_SHARE = 0.3;
/** A person whose box covers this share of the frame (or CLOSE_MIN_HEIGHT_SHARE of its height) is close. */
export const CLOSE_MIN_AREA_SHARE = 0.35;
/** A webcam user's head and shoulders fill most of the frame's height even when the box is narrow. */
export const CLOSE_MIN_HEIGHT_SHARE = 0.85;

/** Central part of a box whose pixels give its colour, per side: edges are mostly background. */
export const COLOUR_CENTRE_FRACTION = 0.5;
/** At most this many pixels are sampled per box (strided): enough for a share, cheap in a worker. */
export const COLOUR_MAX_SAMPLES = 2500;
/** The winning colour name must cover this share of the sampled pixels, else the pixels are "mixed". */
export const COLOUR_MIN_SHARE = 0.45;
/** ...and beat the runner-up by this factor (two-tone objects get no colour rather than a coin toss). */
export const COLOUR_MIN_LEAD = 1.5;
/** If this share of a torso's pixels looks like skin, the clothing cannot be read: no colour is said. */
export const SKIN_MAX_SHARE = 0.2;

/** Same class and IoU above this: one object reported twice (CenterNet peaks next to each other). */
export const DUPLICATE_IOU = 0.6;
/**
 * Two classes on nearly the same box are one object the detector is unsure about (an animal scored cow 0.37,
 * sheep 0.36 and horse 0.32 on the tune photos): only the best-scored class is said.
 */
export const CROSS_CLASS_IOU = 0.7;
/** Number words are used up to this count; above it the caption says 'many'. */
export const MAX_COUNT_WORD = 12;
/** The parser's count for 'many': "more than MAX_COUNT_WORD". */
export const MANY_COUNT = MAX_COUNT_WORD + 1;

/** At most this many relations per caption: more reads like a list of coordinates. */
export const MAX_RELATIONS = 2;
/** 'on': the resting object's bottom edge lies within this top share of the supporter's box height. */
export const ON_MAX_DEPTH = 0.6;
/** 'on': the resting object is smaller than this share of the supporter's area (a cup, not a second table). */
export const ON_MAX_AREA_RATIO = 0.5;
/** 'riding': the rider's bottom edge lies between these shares of the ride's height (seat to stirrups). */
export const RIDE_BOTTOM_RANGE: readonly [number, number] = [0.1, 0.8];
/** 'next to': boxes overlap vertically by this share of the lower one's height (same row)... */
export const NEXT_TO_MIN_ROW_OVERLAP = 0.5;
/** ...the horizontal gap is at most this share of their mean width... */
export const NEXT_TO_MAX_GAP = 0.5;
/** ...and they overlap sideways by at most this share of the narrower width (more is in front or behind). */
export const NEXT_TO_MAX_X_OVERLAP = 0.2;
/** 'next to' only between objects of comparable size (area ratio): a cup is not "next to" a bus. */
export const NEXT_TO_MAX_AREA_RATIO = 6;
/** 'holding': a wrist within this share of the object's box size from the box (pose available). */
export const HOLD_WRIST_MARGIN = 0.25;
/** 'holding' without pose: the object's centre in this vertical band of the person's box (hands' height). */
export const HOLD_BAND: readonly [number, number] = [0.35, 0.75];
/** 'holding': the object's area is below this share of the person's (a phone, not a sofa behind them). */
export const HOLD_MAX_AREA_RATIO = 0.25;

/** A keypoint is used only at or above this MoveNet score (its own docs use 0.3 for "visible"). */
export const KEYPOINT_MIN_SCORE = 0.3;
/** A wrist this far above its shoulder (share of the torso length) is a raised arm, not a hand at the chest. */
export const ARM_RAISED_MIN = 0.25;
/** Thigh direction: |dy| / length above this is upright (standing), below SITTING_MAX_THIGH_SLOPE it sits. */
export const STANDING_MIN_THIGH_SLOPE = 0.8;
export const SITTING_MAX_THIGH_SLOPE = 0.5;
/** Nose offset from the shoulders' midpoint, as a share of shoulder width: below it facing the camera... */
export const FACING_MAX_NOSE_OFFSET = 0.2;
/** ...above this, facing left or right (as seen in the image); between, nothing is said. */
export const TURNED_MIN_NOSE_OFFSET = 0.4;
/** An expression is said only when the face model gives it this probability (it is noisy on webcams). */
export const EXPRESSION_MIN_PROB = 0.6;
/**
 * The expression model is run only on a face box at least this many frame px on its shorter side: it reads faces
 * at 64 px, so a smaller face would be upsampled more than twice (on 'tune', a 16 px "face" on the back of a
 * beanie was read as sad).
 */
export const EXPRESSION_MIN_FACE_PX = 32;
/**
 * With a pose read, a face is read only when seen from the front: nose and both eyes visible, the nose inside the
 * face box, and the eyes at least this share of the face box's width apart (about 0.4 facing the camera, shrinking
 * as the head turns; on 'tune' a man seen from behind had BlazeFace's "face" on his hair, MoveNet's eyes 0.6 px apart
 * and the nose outside that box).
 */
export const FRONTAL_MIN_EYE_SHARE = 0.25;
/**
 * The expression is the mean over four views of the face, in one batched run: the face box grown by each of these
 * shares per side, and each mirrored. The FER-2013 model flips with a crop 2 px wider: on a smiling man's 35 px
 * face in 'tune', happy 0.75 / sad 0.13 and happy 0.10 / sad 0.51 came from crops 4 px apart; one crop said
 * "looking sad", the mean of the views says nothing (under EXPRESSION_MIN_PROB).
 */
export const EXPRESSION_CROP_GROWTHS: readonly number[] = [0.05, 0.15];
/** At most this many person notes ("smiling", "raising both arms", ...) per person. */
export const MAX_PERSON_NOTES = 3;

/** A crop detection matches a glance object at this IoU (frame px boxes). */
export const MATCH_IOU = 0.5;
/**
 * A crop detection of the same class on the same box confirms that a glance object is there from this score:
 * a closer view changes the detector's scale, so a real object often scores lower there than in the glance
 * (on the tune photos, withdrawing what the crop scored under HEDGE_MIN_SCORE lost true potted plants).
 */
export const LOOK_CONFIRM_MIN_SCORE = 0.2;
/** A crop detection relabels a matched glance object only when it beats its score by this margin. */
export const RELABEL_MARGIN = 0.15;
/**
 * Whether a hedged glance object that a look examined and did not find again is dropped ("withdrawn"). Off: on
 * the tune photos withdrawing cost recall (true potted plants the zoomed-in detector scored lower) for little
 * precision (refined recall 48.5 % with it, 54.5 % without; precision 76.2 % and 75.0 %); it stays hedged.
 */
export const WITHDRAW_UNCONFIRMED = false;
/** A hedged glance object counts as looked at when this share of its box lies inside a looked region. */
export const LOOKED_MIN_CONTAINMENT = 0.8;

/** Region side grows by this share of the box on each side: the context that tells a cup from a bowl. */
export const REGION_MARGIN = 0.25;
/** Smallest region side, frame px: below it the crop is mostly upsampling. */
export const REGION_MIN_SIDE_PX = 96;
/**
 * A region is looked at only if the look is this many times closer than the glance (else the detector sees
 * nothing new). A person's region is exempt when the bundle reads poses and faces: those models see what the
 * detector cannot, at any scale.
 */
export const MIN_CLOSER = 1.5;
/** Regions overlapping a better one above this IoU, or contained in it above REGION_MAX_CONTAINMENT, go. */
export const REGION_MAX_IOU = 0.5;
export const REGION_MAX_CONTAINMENT = 0.8;
/** Ranking: every named object starts at 1; these add for what a closer look helps most. */
export const REGION_BONUS = { small: 0.8, hedged: 1, person: 0.6 } as const;
/** A weak peak scores this times (peak score / HEDGE_MIN_SCORE): near-misses outrank faint noise. */
export const WEAK_PEAK_WEIGHT = 0.8;
/** Weak peaks below this score are noise, not a place to look. */
export const WEAK_PEAK_MIN_SCORE = 0.1;
/**
 * Default input sides, px: the glance detector (CenterNet 512) and the second look's detector on a crop. The look
 * was 320 until 2026-12-06: at 256 the 'tune' photos' refined recall stayed 54.5 % and precision went 76.0 ->
 * 79.2 % (one hedged false object fewer), for 36 % less work per crop (384 gave 54.5 % and 76.0 %).
 */
export const GLANCE_SIZE_PX = 512;
export const LOOK_SIZE_PX = 256;
/**
 * Views of a still image's glance (mirror-view.ts): 2 runs the detector on the frame and on its mirror image and
 * keeps each place's better score. On the 'tune' photos refined recall went 54.5 -> 57.6 % and precision 79.2 ->
 * 90.9 % (a horse no longer called a cow, a second player found, three hedged clocks in a checkerboard down to
 * one); mirroring the second look's crops as well changed nothing there. A live stream's frame gets one detector run
 * (the bench's 640x480 refined caption took 177 ms in one view and 295 ms in two, WASM: two would put live
 * captioning under its 5 a second); its views alternate instead (stream-glance.ts).
 */
export const STILL_GLANCE_VIEWS: 1 | 2 = 2;

// ---- A live stream's glance in alternate views (stream-glance.ts) ----

/**
 * Blocks per side of the glance's input square whose luma decides where two frames' views may combine: 16 px
 * blocks of the 512 px square, four heat-map cells a side, about a hand's width on a webcam at arm's length.
 */
export const GLANCE_STEADY_GRID = 32;
/** A block whose mean luma (0..255) moved more than this changed (as LOOK_REUSE_MAX_CELL_DIFF, for a region)... */
export const GLANCE_STEADY_MAX_BLOCK_DIFF = 12;
/** ...and if the mean over all blocks moved more than this, the whole picture did (auto exposure): no combining. */
export const GLANCE_STEADY_MAX_MEAN_DIFF = 3;

// ---- Reusing looks across a live stream's frames (look-memory.ts) ----

/** A region's signature is the mean luma of this many cells per side of its box (8 x 8 = 64 numbers). */
export const LOOK_SIGNATURE_GRID = 8;
/**
 * A kept look serves a new region that overlaps its box this much (region boxes follow detections, which move a
 * few pixels between frames of a still scene).
 */
export const LOOK_REUSE_MIN_IOU = 0.7;
/**
 * Its box holds the same content when no cell's mean luma moved more than this (0..255): a webcam's sensor noise
 * moves a 16-sample cell mean by about 1 level, a hand or a person entering the box moves cells by tens...
 */
export const LOOK_REUSE_MAX_CELL_DIFF = 12;
/** ...and the cells moved this little on average (auto exposure shifting the whole picture brings a fresh look). */
export const LOOK_REUSE_MAX_MEAN_DIFF = 3;

/** A scene is guessed only with this much evidence (sum of SCENE_RULES weights of the classes present)... */
export const SCENE_MIN_EVIDENCE = 2;
/** ...and when it leads the runner-up scene by this much (else the objects fit two scenes: say none). */
export const SCENE_MIN_LEAD = 0.5;
/** Hedged objects count this fraction of their class weight towards a scene. */
export const SCENE_HEDGED_FACTOR = 0.5;

/**
 * Scene guesses: per scene, the weight of each COCO class's presence (counted once, however many). Weights say how
 * specific a class is to the scene: 2 alone is enough (a bed means a bedroom), 1.5 is a strong sign that needs a
 * second one, below 1 only supports. Scene phrases avoid COCO nouns so the parser never reads them as objects.
 */
// prettier-ignore
export const SCENE_RULES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'a kitchen': { oven: 1.5, refrigerator: 1.5, microwave: 1.5, toaster: 1.5, sink: 1, bowl: 0.5, knife: 0.5, spoon: 0.5, fork: 0.3, bottle: 0.3, cup: 0.3 },
  'a desk': { laptop: 1.5, keyboard: 1.5, mouse: 1.5, tv: 0.7, book: 0.5, 'cell phone': 0.5, cup: 0.5, chair: 0.3 },
  'a street': { car: 1, bus: 1.5, truck: 1, 'traffic light': 1.5, 'stop sign': 1.5, 'fire hydrant': 1.5, 'parking meter': 1.5, motorcycle: 0.8, bicycle: 0.5, person: 0.3, handbag: 0.3 },
  'a living room': { couch: 1.5, tv: 1, remote: 1, 'potted plant': 0.5, vase: 0.5, chair: 0.5, book: 0.3, clock: 0.3 },
  'a dining room': { 'dining table': 1.5, 'wine glass': 1, fork: 1, knife: 0.5, spoon: 0.5, chair: 0.5, bowl: 0.5, cup: 0.3, pizza: 0.5, cake: 0.5 },
  'a bedroom': { bed: 2, 'teddy bear': 0.5, clock: 0.3, book: 0.3 },
  'a bathroom': { toilet: 2, sink: 1, toothbrush: 1.5, 'hair drier': 1 },
  'a park': { bench: 1, kite: 1, frisbee: 1.5, dog: 0.5, 'sports ball': 0.5, bicycle: 0.3, person: 0.2 },
  'a field with animals': { cow: 1.5, sheep: 1.5, horse: 1.2, zebra: 1.2, giraffe: 1.2, elephant: 1.2, bird: 0.3 },
  'a beach': { surfboard: 1.5, umbrella: 0.5, kite: 0.5, boat: 0.5 },
  'a harbour': { boat: 1.5 },
  'an airport': { airplane: 2 },
  'a railway': { train: 2 },
  'a ski slope': { skis: 2, snowboard: 2 },
  'a tennis court': { 'tennis racket': 1.5, 'sports ball': 0.5 },
  'a baseball field': { 'baseball bat': 1.5, 'baseball glove': 1.5, 'sports ball': 0.5 },
};

/** The short caption names at most this many groups; the rest are counted as "N other things". */
export const SHORT_MAX_GROUPS = 3;
/** The detailed caption names at most this many groups. */
export const DETAILED_MAX_GROUPS = 6;
/**
 * A group of two or three with notes or relations is said member by member ("Two people: one on the left, smiling;
 * the other on the right, sitting"); a larger one keeps "one of them" / "all of them" notes (clauses for nine
 * people would be a paragraph).
 */
export const MEMBER_CLAUSES_MAX = 3;

/** Exactly what a caption says when nothing passes HEDGE_MIN_SCORE. */
export const NOTHING_CAPTION = 'Nothing I can recognise.';

// ---- Hands (hand-crop.ts, hand-look.ts, describe-hand.ts) ----

/**
 * Hand crop from the pose, as MediaPipe derives a hand region from a body pose: a square centred beyond the wrist
 * along the forearm (elbow -> wrist), this share of the forearm's length past the wrist (a hand is about 0.7
 * forearms long, so its middle lies about a third of a forearm beyond the wrist)...
 */
export const HAND_CROP_OFFSET = 0.35;
/** ...with a side of this many forearm lengths (the hand plus a margin for a wrist bent off the forearm's line)... */
export const HAND_CROP_FOREARM = 1.3;
/** ...and at least this share of the shoulder width (a forearm pointing at the camera looks short). */
export const HAND_CROP_MIN_SHOULDER = 0.6;
/** A crop under this side, frame px, shows too few pixels of a hand for its fingers to be read: not tried. */
export const HAND_MIN_CROP_PX = 32;
/** At most this many hand crops per look (two people, two hands): each costs one hand-model run. */
export const MAX_HANDS_PER_LOOK = 4;
/**
 * A hand is described only when the hand model's own presence score reaches this (0..1): MediaPipe's default. On
 * the 'tune' photos' four hand crops, the wrong gestures came at 0.07 and 0.34 and the sure hand at 0.82
 * (docs/caption-grammar.md, part 2; scripts/real-photos/hands.ts).
 */
export const HAND_MIN_PRESENCE = 0.5;
/** A finger is extended when its joints are this straight: |MCP->TIP| over the summed bone lengths... */
export const FINGER_STRAIGHT_MIN = 0.9;
/** ...and its tip lies this many times farther from the wrist than its middle joint (PIP). */
export const FINGER_REACH_MIN = 1.1;
/** A finger is curled when its tip is no farther from the wrist than this times its PIP's distance. */
export const FINGER_CURLED_MAX_REACH = 1.0;
/** A direction (pointing, thumbs up) is named when within this many degrees of up, down, left or right. */
export const HAND_DIRECTION_MAX_DEG = 30;
/** A hand with a detected object's box covering this share of its landmark box is holding it, not gesturing. */
export const HAND_HOLD_MIN_OVERLAP = 0.3;
