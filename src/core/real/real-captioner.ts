/**
 * The real-world captioner (model_type 'glance-detect'): the MM-SeR shape with pretrained recognisers.
 *   glance:     the whole frame, letterboxed, through the COCO detector -> objects -> the coarse caption (a still
 *               image in two views, itself and mirrored; a stream's frames in alternate views, each combined with
 *               the frame before's where the picture held still: glance.ts)
 *   saliency:   the detector's heat map (max over classes) -> the UI's heat map
 *   regions:    the named objects (small, hedged and people first) and the weak peaks -> top-k crops
 *   look again: each crop at full resolution through the detector again, and people through pose/face models
 *               (in a live stream, a region unchanged since the last frame keeps its look: look-memory.ts)
 *   pass 2:     the glance's objects corrected and completed by what the look found -> the refined caption
 * Both captions come from one writer (write-caption.ts), so the refined one reads like the coarse one plus
 * what the look added. src/core/real/README.md has the contract of every step.
 */
import type { InferenceBackend } from '../backend';
import type { DetectConfig } from '../bundle/detect-config';
import type {
  CaptionHooks,
  CaptionInput,
  CaptionOptions,
  CaptionResult,
  NamedObject,
  RegionBox,
} from '../caption-types';
import { throwIfCancelled } from '../decode/cancel';
import type { CaptionEngine } from '../engine';
import { InvalidInputError } from '../errors';
import { inputAsRgba } from '../image/frame-input';
import { cancelCheckOf, now, stageClock } from '../stage-clock';
import { chooseRegions } from './choose-regions';
import { describeObjects } from './describe-objects';
import { decodeCenternet } from './centernet-decode';
import { boxToInput, decoderMapping, squareInput } from './detector-input';
import { glanceRaw } from './glance';
import { type Look, lookAt } from './look-region';
import { type KeptLook, LookMemory, regionSignature } from './look-memory';
import { mergeLook } from './merge-look';
import { noun } from './nouns';
import { checkDetectorPart, runDetector } from './run-detector';
import { saliencyGrid } from './saliency-grid';
import { StreamGlance } from './stream-glance';
import { StreamTracks } from './stream-tracks';
import { streamWords } from './stream-words';
import type { Box, SeenObject } from './types';
import { planCaption } from './write-caption';
import { HEDGE_MIN_SCORE, WEAK_PEAK_MIN_SCORE } from './constants';

/** The CPU warm-up's input: a 64 px grey frame. */
const GREY_FRAME = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(128) };
const GREY_FRAME_BOX = { x: 0, y: 0, w: 64, h: 64 };

/** A fresh look outside a stream is never kept, so it needs no signature. */
const NO_SIGNATURE = new Float32Array(0);

export function createRealCaptioner(backend: InferenceBackend, config: DetectConfig): CaptionEngine {
  checkDetectorPart(backend);
  const { input_size: glanceSize, look_size: lookSize } = config.detector;
  const parts = new Set(config.parts);
  const memory = new LookMemory();
  const streamGlance = new StreamGlance();
  const tracks = new StreamTracks();

  async function caption(input: CaptionInput, options: CaptionOptions = {}, hooks: CaptionHooks = {}) {
    const style = options.style ?? 'detailed';
    const refine = options.refine ?? true;
    const k = options.k ?? config.regions.k;
    if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`k must be a positive integer, got ${k}`);
    const cancel = cancelCheckOf(hooks);
    const clock = stageClock(hooks, cancel);
    const stage = clock.next;

    hooks.onStage?.('preprocess');
    const frame = inputAsRgba(input);
    const whole: Box = { x: 0, y: 0, w: frame.width, h: frame.height };
    const glanceInput = squareInput(frame, whole, glanceSize);
    stage('preprocess', 'encode');
    // A still image is glanced at in two views; a stream's frame in one, combined with the frame before's where
    // the picture held still (glance.ts).
    const stream = options.stream === undefined ? null : { id: options.stream, memory: streamGlance };
    const glance = decodeCenternet(await glanceRaw(backend, glanceInput, stream), decoderMapping(glanceInput.toFrame), {
      threshold: HEDGE_MIN_SCORE,
      weakThreshold: WEAK_PEAK_MIN_SCORE,
      frame,
    });
    stage('encode', 'pass1');
    const seen = describeObjects(glance.detections, frame);
    const objects = options.stream === undefined ? seen : tracks.steady(options.stream, seen, frame, now());
    const coarse = planCaption(objects, style);
    streamWords(coarse.text, 'coarse', hooks);
    hooks.onCaption?.('coarse', coarse.text);
    stage('pass1', 'saliency');
    const saliency = saliencyGrid(glance.heat);
    stage('saliency', 'regions');
    const readsPeople = parts.has('pose') || parts.has('face');
    const chosen = chooseRegions(objects, glance.weak, frame, { k, glanceSize, lookSize, readsPeople });
    // Region boxes for the result: frame pixels of the original frame, and the same box in the glance square.
    const frameScale = input.geometry ? input.geometry.frameWidth / frame.width : 1;
    const regions: RegionBox[] = chosen.map((r) => ({
      x: r.box.x * frameScale,
      y: r.box.y * frameScale,
      w: r.box.w * frameScale,
      h: r.box.h * frameScale,
      square: boxToInput(r.box, glanceInput.toFrame),
      score: r.score,
    }));
    const named = (list: readonly SeenObject[], indices: readonly number[]): NamedObject[] =>
      indices.map((i) => {
        const { label, box, score, hedged } = list[i];
        const scaled = { x: box.x * frameScale, y: box.y * frameScale, w: box.w * frameScale, h: box.h * frameScale };
        return { label, box: scaled, score, hedged, name: noun(label, 1) };
      });
    let refined: { text: string; objects: NamedObject[] } | null = null;
    if (refine) {
      stage('regions', 'lookAgain');
      const kept: KeptLook[] = [];
      for (const region of chosen) {
        throwIfCancelled(cancel, 'lookAgain');
        const reused = options.stream ? memory.find(options.stream, frame, region.box, new Set(kept)) : null;
        if (reused) {
          kept.push(reused);
          continue;
        }
        const look = await lookAt(backend, parts, frame, region.box, lookSize);
        kept.push({ look, signature: options.stream ? regionSignature(frame, region.box) : NO_SIGNATURE });
      }
      if (options.stream) memory.remember(options.stream, frame, kept);
      const looks: Look[] = kept.map((k) => k.look);
      stage('lookAgain', 'pass2');
      const outcome = mergeLook(objects, looks, frame);
      const plan = planCaption(outcome.objects, style);
      refined = { text: plan.text, objects: named(outcome.objects, plan.named) };
      streamWords(plan.text, 'refined', hooks);
      hooks.onCaption?.('refined', plan.text);
      stage('pass2', 'done');
    } else {
      stage('regions', 'done');
    }
    const timings = clock.finish();
    const result: CaptionResult = {
      style,
      coarse: { text: coarse.text, tokens: [], stopReason: 'eos' },
      saliency,
      regions,
      timings,
      backend: backend.name,
      objects: { coarse: named(objects, coarse.named) },
    };
    if (refined !== null) {
      result.refined = { text: refined.text, tokens: [], stopReason: 'eos' };
      result.objects!.refined = refined.objects;
    }
    return result;
  }

  return {
    modelType: config.model_type,
    backendName: backend.name,
    frameNeed: { kind: 'frame', maxSide: config.frame_max_side, glanceSize },
    caption,
    async warmUp() {
      const t0 = now();
      if (backend.name !== 'webgpu') {
        // On the CPU (WASM, Node) a first run costs what any run costs: kernels are not compiled per shape. A
        // 64 px grey square checks that the detector runs and starts the runtime's threads, and the model is
        // ready some 100-500 ms sooner than after a full caption (bench "Load"); the first frame pays nothing more.
        await runDetector(backend, squareInput(GREY_FRAME, GREY_FRAME_BOX, 64), GREY_FRAME);
        return now() - t0;
      }
      // WebGPU compiles its shaders for the shapes it meets: a grey frame runs the glance, and one forced region
      // runs the look's sizes and every person part, so the first real frame finds them compiled.
      const side = glanceSize;
      const pixels = new Uint8Array(side * side * 4).fill(128);
      await caption({ pixels, width: side, height: side }, { refine: false, k: 1 });
      const frame = { width: side, height: side, data: pixels };
      await lookAt(backend, parts, frame, { x: 0, y: 0, w: side / 2, h: side / 2 }, lookSize, true);
      return now() - t0;
    },
  };
}
