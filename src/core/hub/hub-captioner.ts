import type { CaptionStyle } from '../bundle/config';
import type {
  CaptionHooks,
  CaptionInput,
  CaptionOptions,
  CaptionResult,
  CaptionText,
  RegionBox,
} from '../caption-types';
import { type CancelCheck, throwIfCancelled } from '../decode/cancel';
import type { CaptionEngine } from '../engine';
import { InvalidInputError } from '../errors';
import { type FitGeometry, fitGeometry } from '../image/fit';
import { inputAsRgba, inputFrameSize } from '../image/frame-input';
import type { RgbaImage } from '../real/types';
import { cancelCheckOf, now, stageClock } from '../stage-clock';
import { streamWords } from '../real/stream-words';
import { combineCaptions } from './combine-captions';
import {
  type ChosenRegions,
  contrastSaliency,
  detectedRegions,
  type FoundBox,
  type FoundObject,
  groundedRegions,
  lookRegions,
} from './look-regions';

/** An RGB picture handed to a hub model (its processor resizes and normalises it). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** How a hub model generates: the caption style (a family may pick its task or prompt from it), a token budget,
 * the first sequence's text as it is decoded, and cancellation between steps. */
export interface HubGenerateOptions {
  style: CaptionStyle;
  maxNewTokens: number;
  onPiece?: (piece: string, token: number) => void;
  cancel?: CancelCheck;
}

/** A phrase a model found in a picture, with its box in that picture's pixels. */
export interface GroundedPhrase extends FoundBox {
  phrase: string;
}

/**
 * What a hub model family must do for Glance (the worker adapts transformers.js to it). Pure data in and out, so
 * the second look below is tested without a model. `caption` is every family's; the family's second look follows
 * from which of the others it has (docs/hub-models.md):
 * - `ground` (Florence-2): the coarse caption's phrases are found in the frame, and those boxes looked at again;
 * - `describeWithCloseUps` (an instruction VLM): the coarse caption and full-resolution crops go into one prompt,
 *   and the answer is the refined caption (the method itself);
 * - neither (vision encoder-decoder): crops of what the region finder detects (else of a colour-contrast heat
 *   map), captioned and combined.
 */
export interface HubCaptionModel {
  /** Captions each picture on its own (in one batch where the family can); the first picture's text streams. */
  caption(images: readonly RgbImage[], options: HubGenerateOptions): Promise<CaptionText[]>;
  ground?(image: RgbImage, text: string, options: HubGenerateOptions): Promise<GroundedPhrase[]>;
  describeWithCloseUps?(
    frame: RgbImage,
    closeUps: readonly RgbImage[],
    coarse: string,
    options: HubGenerateOptions,
  ): Promise<CaptionText>;
}

/**
 * Finds objects in a frame (boxes in that frame's pixels, with scores): the real-world bundle's COCO detector
 * (detector-finder.ts), which the worker loads beside a hub model that grounds nothing itself. It gets the frame
 * as RGBA, the caption input itself when that is RGBA (no copy).
 */
export type HubRegionFinder = (frame: RgbaImage) => Promise<FoundObject[]>;

export interface HubCaptionerInfo {
  /** config.json's model_type. */
  modelType: string;
  backendName: string;
  /**
   * Where a model without grounding looks again: the detector's objects; when it finds none, or fails, the
   * colour-contrast heat map (the regions' `source` says which). Asked only when the caption is refined (a
   * coarse-only caption's regions, shown but not looked at, come from the pixels). Absent: always the pixels.
   */
  findRegions?: HubRegionFinder;
  /** Told when `findRegions` failed and the colour-contrast heat map was used instead (the worker logs it). */
  onFinderError?: (error: unknown) => void;
}

/** Whole frames up to this side: crops of a 4K photo stay sharp, and a frame is not held at 33 MB. */
const MAX_SIDE = 1280;
/** The square the heat map and region squares refer to (display only: the model has its own input size). */
const GLANCE_SIZE = 384;
/** Crops looked at by default: each is a caption of its own, so fewer than the learned model's six. */
const DEFAULT_K = 3;
const MAX_NEW_TOKENS = { short: 20, detailed: 40 } as const;

/**
 * A hub captioner with Glance's second look, training-free (docs/hub-models.md): caption the whole frame, pick
 * regions (the phrases the model grounds, else the objects the injected finder detects, else a colour-contrast
 * heat map: the exports carry no attention to follow), and look at full-resolution crops of them: in one prompt
 * with the coarse caption for an instruction VLM, else captioned in one batch and combined with the coarse
 * caption (combine-captions.ts).
 */
export function createHubCaptioner(model: HubCaptionModel, info: HubCaptionerInfo): CaptionEngine {
  async function caption(
    input: CaptionInput,
    options: CaptionOptions = {},
    hooks: CaptionHooks = {},
  ): Promise<CaptionResult> {
    const style = options.style ?? 'detailed';
    const refine = options.refine ?? true;
    const k = options.k ?? DEFAULT_K;
    if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`k must be a positive integer, got ${k}`);
    const maxNewTokens = options.maxNewTokens ?? MAX_NEW_TOKENS[style];
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) {
      throw new InvalidInputError(`maxNewTokens must be a positive integer, got ${maxNewTokens}`);
    }
    const cancel = cancelCheckOf(hooks);
    const clock = stageClock(hooks, cancel);
    const stage = clock.next;

    hooks.onStage?.('preprocess');
    const frame = toRgb(input);
    const pixelGeometry = fitGeometry(frame.width, frame.height, GLANCE_SIZE, 'letterbox');
    // Boxes go back in the original frame's pixels (the worker may have downscaled it to MAX_SIDE).
    const frameScale = input.geometry ? input.geometry.frameWidth / frame.width : 1;
    const generate = (pass: 'coarse' | 'refined' | null): HubGenerateOptions => ({
      style,
      maxNewTokens,
      cancel,
      onPiece: pass && hooks.onToken ? (piece, token) => hooks.onToken!(pass, piece, token) : undefined,
    });
    stage('preprocess', 'encode');
    // The model's encoder runs inside its generate call; 'encode' is kept for the stage order the UI shows.
    stage('encode', 'pass1');
    const [coarse] = await model.caption([frame], generate('coarse'));
    hooks.onCaption?.('coarse', coarse.text);
    stage('pass1', 'saliency');
    // Florence-2 finds the caption's phrases (its grounding is the saliency); the others take the detector's
    // objects, and read the pixels where it found none. Both cost a model run that only the look needs, so a
    // coarse-only caption (Live without refining) reads the pixels instead.
    let look: ChosenRegions | null = null;
    if (refine && model.ground) {
      look = groundedRegions(await model.ground(frame, coarse.text, generate(null)), pixelGeometry, k);
    } else if (refine && info.findRegions) {
      look = await detected(info.findRegions, inputAsRgba(input), pixelGeometry, k, cancel);
    }
    const saliency =
      look?.saliency ??
      contrastSaliency({ pixels: frame.data, width: frame.width, height: frame.height, channels: 3 }, pixelGeometry);
    stage('saliency', 'regions');
    const chosen = look?.regions ?? lookRegions(saliency, pixelGeometry, k);
    const regions: RegionBox[] = chosen.map((r) => ({
      x: r.x * frameScale,
      y: r.y * frameScale,
      w: r.w * frameScale,
      h: r.h * frameScale,
      square: r.square,
      score: r.score,
      ...(r.source ? { source: r.source } : {}),
    }));
    let refined: CaptionText | undefined;
    if (refine) {
      stage('regions', 'lookAgain');
      const crops = chosen.map((r) => cropRgb(frame, r));
      if (model.describeWithCloseUps) {
        // The method itself: one prompt holds the frame, the coarse caption and the close-ups.
        stage('lookAgain', 'pass2');
        refined = await model.describeWithCloseUps(frame, crops, coarse.text, generate('refined'));
      } else {
        const looks = crops.length > 0 ? await model.caption(crops, generate(null)) : [];
        stage('lookAgain', 'pass2');
        const combined = combineCaptions(
          coarse.text,
          looks.map((l) => l.text),
        );
        refined = { text: combined.text, tokens: [], stopReason: 'eos' };
        streamWords(combined.text, 'refined', hooks);
      }
      hooks.onCaption?.('refined', refined.text);
      stage('pass2', 'done');
    } else {
      stage('regions', 'done');
    }
    const result: CaptionResult = {
      style,
      coarse,
      saliency,
      regions,
      timings: clock.finish(),
      backend: info.backendName,
    };
    if (refined) result.refined = refined;
    return result;
  }

  /** The finder's objects as regions; null (read the pixels) when it found none or failed (cancellation aside). */
  async function detected(
    find: HubRegionFinder,
    frame: RgbaImage,
    geometry: FitGeometry,
    k: number,
    cancel: CancelCheck,
  ): Promise<ChosenRegions | null> {
    let objects: FoundObject[];
    try {
      objects = await find(frame);
    } catch (error) {
      info.onFinderError?.(error);
      objects = [];
    }
    throwIfCancelled(cancel, 'regions');
    return detectedRegions(objects, geometry, k);
  }

  return {
    modelType: info.modelType,
    backendName: info.backendName,
    frameNeed: { kind: 'frame', maxSide: MAX_SIDE, glanceSize: GLANCE_SIZE },
    caption,
    async warmUp() {
      const t0 = now();
      const side = 64;
      await caption(
        { pixels: new Uint8Array(side * side * 4).fill(128), width: side, height: side },
        { refine: false },
      );
      return now() - t0;
    },
  };
}

function toRgb(input: CaptionInput): RgbImage {
  const { width, height, channels } = inputFrameSize(input);
  const n = width * height;
  if (channels === 3) return { data: Uint8Array.from(input.pixels), width, height };
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    data[i * 3] = input.pixels[i * 4];
    data[i * 3 + 1] = input.pixels[i * 4 + 1];
    data[i * 3 + 2] = input.pixels[i * 4 + 2];
  }
  return { data, width, height };
}

/** The box of the frame at full resolution (whole pixels, inside the frame). */
export function cropRgb(frame: RgbImage, box: { x: number; y: number; w: number; h: number }): RgbImage {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(frame.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(frame.height, Math.ceil(box.y + box.h));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * frame.width + x0) * 3;
    data.set(frame.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { data, width, height };
}
