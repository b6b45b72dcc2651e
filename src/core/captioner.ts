import type { InferenceBackend } from './backend';
import type { CaptionStyle, GlanceConfig } from './bundle/config';
import { zeroTimings } from './stage-clock';
import { checkSignatures } from './bundle/signatures';
import type {
  CaptionHooks,
  CaptionInput,
  CaptionOptions,
  CaptionPass,
  CaptionResult,
  CaptionText,
  RegionBox,
  StageTimings,
} from './caption-types';
import type { CancelCheck } from './decode/cancel';
import type { CaptionEngine } from './engine';
import { throwIfCancelled } from './decode/cancel';
import { decoderSpec } from './decode/decoder-spec';
import { generate } from './decode/generate';
import type { KvCache } from './decode/kv-cache';
import { embedToHost } from './decode/step';
import type { Generation } from './decode/types';
import { encodeImage } from './encode-image';
import { InvalidInputError } from './errors';
import { squareToFrame } from './image/fit';
import { boxDownsample, checkPixelBuffer, normalizeToChw } from './image/pixels';
import { lookAgain } from './look-again';
import { RegionMemory } from './region-memory';
import {
  attributeTokenIds,
  checkLookPolicy,
  passConfidence,
  shouldLook,
  type LookPolicy,
  type LookReport,
} from './look-policy';
import { selectRegions } from './regions';
import { accumulateSaliency } from './saliency';
import type { CaptionTokenizer } from './text/tokenizer';
import { tokenDelta } from './text/detokenize';
import { checkWorldDomain, outOfDomainResult } from './world-limits';

/** What a captioner needs from a loaded bundle. */
export interface CaptionerBundle {
  config: GlanceConfig;
  tokenizer: CaptionTokenizer;
}

/** The two-pass engine over one backend and one bundle. Not re-entrant: run one job at a time. */
export interface Captioner {
  readonly config: GlanceConfig;
  readonly backendName: string;
  caption(input: CaptionInput, options?: CaptionOptions, hooks?: CaptionHooks): Promise<CaptionResult>;
}

/**
 * Checks the backend's parts against the contract (ModelFormatError if they differ) and returns the engine.
 * Implements steps 2-9 of docs/model-format.md; step 1 (fitting the frame) is the caller's.
 */
export function createCaptioner(backend: InferenceBackend, bundle: CaptionerBundle): Captioner {
  const { config, tokenizer } = bundle;
  checkSignatures(backend, config);
  const spec = decoderSpec(config);
  const { size, global_size: globalSize, mean, std } = config.image;
  const G = config.vision.grid;
  const T = G * G;
  const attributeIds = attributeTokenIds(config, tokenizer);
  const regionMemory = new RegionMemory();
  // The bundle's own policy (config.look), chosen for that model on validation scenes.
  const bundleLook: LookPolicy = config.look
    ? { minTokenProbability: config.look.min_token_probability, tokens: config.look.tokens }
    : 'always';
  /** The live stream's last coarse caption in each style: the draft of its next frame's pass 1. */
  let lastGlance: { stream: string; style: CaptionStyle; tokens: number[] } | null = null;

  async function caption(
    input: CaptionInput,
    options: CaptionOptions = {},
    hooks: CaptionHooks = {},
  ): Promise<CaptionResult> {
    const started = now();
    const style = options.style ?? 'detailed';
    const refine = options.refine ?? true;
    const useCache = options.useCache ?? true;
    // The bundle's policy holds for a live stream's frames, where the look's cost repeats every frame; a still
    // image always gets its look unless the caller says otherwise.
    const lookPolicy = options.look ?? (options.stream !== undefined ? bundleLook : 'always');
    checkLookPolicy(lookPolicy);
    // 'always' normalises the full square with the glance (as before policies existed); a policy only if it looks.
    const eagerSquare = refine && lookPolicy === 'always';
    const k = options.k ?? config.regions.k;
    if (!Number.isInteger(k) || k < 1) throw new InvalidInputError(`k must be a positive integer, got ${k}`);
    const maxNewTokens = options.maxNewTokens ?? config.generation.max_new_tokens[style];
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) {
      throw new InvalidInputError(`maxNewTokens must be a positive integer, got ${maxNewTokens}`);
    }
    const cancel: CancelCheck = () => (hooks.isCancelled?.() ?? false) || (hooks.signal?.aborted ?? false);
    const timings = zeroTimings();
    const stage = async <R>(name: Exclude<keyof StageTimings, 'total'>, work: () => Promise<R> | R): Promise<R> => {
      throwIfCancelled(cancel, name);
      hooks.onStage?.(name);
      const t0 = now();
      try {
        return await work();
      } finally {
        timings[name] += now() - t0;
      }
    };
    const decodeOptions = {
      maxNewTokens,
      eosId: config.tokens.eos,
      numBeams: options.numBeams ?? 1,
      lengthPenalty: options.lengthPenalty,
      repetitionPenalty: options.repetitionPenalty,
      noRepeatNgramSize: options.noRepeatNgramSize,
      maxPositions: spec.maxPositions,
      useCache,
    };
    const streamTo = (pass: CaptionPass) => {
      let text = '';
      return (token: number) => {
        if (!hooks.onToken || tokenizer.isSpecial(token)) return;
        const piece = tokenDelta(text, tokenizer.word(token) ?? '<unk>');
        text += piece;
        hooks.onToken(pass, piece, token);
      };
    };

    const image = { data: input.pixels, width: size, height: size, channels: input.channels ?? 4 };
    checkPixelBuffer(image, `caption input (${size}x${size} model square)`);
    const { globalChw, squareChw, outOfDomain } = await stage('preprocess', () => {
      // A photo is not a world scene: say so instead of describing shapes that are not there (docs/world.md).
      const outOfDomain = checkWorldDomain({ ...image, size }, input.geometry);
      const global = boxDownsample(image, size / globalSize);
      return {
        globalChw: normalizeToChw(global.data, globalSize, globalSize, 3, mean, std),
        squareChw: eagerSquare ? normalizeToChw(image.data, size, size, image.channels, mean, std) : null,
        outOfDomain,
      };
    });
    if (outOfDomain) {
      hooks.onStage?.('done');
      timings.total = now() - started;
      return outOfDomainResult({ style, refine, grid: G, timings, backend: backend.name, outOfDomain });
    }

    let prefixKv: KvCache | null = null;
    try {
      const encoded = await stage('encode', () => encodeImage(backend, config, spec, globalChw, useCache));
      prefixKv = encoded.prefixKv;
      const prefix = { prefixKv, prefixEmbeds: encoded.imageEmbeds };

      const task = config.tokens[style];
      // A live frame mostly shows what the last one did: its coarse caption drafts this one (same tokens).
      const sameStream = options.stream !== undefined && lastGlance?.stream === options.stream;
      const glanceDraft =
        options.draft !== false && sameStream && lastGlance?.style === style ? lastGlance.tokens : undefined;
      const pass1 = await stage('pass1', async () => {
        const promptEmbeds = await embedToHost(backend, [task]);
        const onToken = streamTo('coarse');
        return generate(
          backend,
          spec,
          { ...prefix, promptEmbeds },
          { ...decodeOptions, saliencyPositions: T, draft: glanceDraft },
          { onToken, cancel },
        );
      });
      if (options.stream !== undefined) lastGlance = { stream: options.stream, style, tokens: pass1.tokens };
      hooks.onCaption?.('coarse', toText(pass1).text);

      const heat = await stage('saliency', () =>
        accumulateSaliency(pass1.tokens, pass1.saliency, config.saliency.content_token_ids, G),
      );
      const chosen = await stage('regions', () =>
        selectRegions(heat, { k, grid: G, size, window: config.regions.window, nmsRadius: config.regions.nms_radius }),
      );

      const probabilities = pass1.probabilities ?? null;
      const confidence = probabilities ? passConfidence(pass1.tokens, probabilities, attributeIds) : null;
      const looked = refine && shouldLook(lookPolicy, confidence, pass1.stopReason === 'eos');
      const look: LookReport | undefined =
        options.look === undefined && lookPolicy === 'always'
          ? undefined
          : {
              looked,
              policy: lookPolicy,
              minProbability: confidence?.all ?? null,
              minAttributeProbability: confidence?.attributes ?? null,
              tokenProbabilities: probabilities ? [...probabilities] : [],
            };

      let refined: Generation | undefined;
      if (looked) {
        const C = pass1.tokens;
        const D = spec.hiddenSize;
        const promptEmbeds = await stage('lookAgain', async () => {
          const square = squareChw ?? normalizeToChw(image.data, size, size, image.channels, mean, std);
          const promptTail = await embedToHost(backend, [config.tokens.refine, ...C, task]);
          const captionEmbeds = promptTail.slice(D, (1 + C.length) * D);
          const reuse = options.stream ? { stream: options.stream, memory: regionMemory } : undefined;
          const regionEmbeds = await lookAgain(backend, config, square, chosen, captionEmbeds, reuse);
          return concat(regionEmbeds, promptTail);
        });
        const promptLength = promptEmbeds.length / D;
        if (T + promptLength >= spec.maxPositions) {
          throw new InvalidInputError(`pass 2 prompt (${T} + ${promptLength} positions) exceeds decoder.max_positions`);
        }
        refined = await stage('pass2', () =>
          generate(
            backend,
            spec,
            { ...prefix, promptEmbeds },
            { ...decodeOptions, draft: options.draft === false ? undefined : C },
            { onToken: streamTo('refined'), cancel },
          ),
        );
        hooks.onCaption?.('refined', toText(refined).text);
      } else if (refine) {
        // The glance was sure of every token that matters: the refined caption is the coarse one, unlooked.
        refined = { ...pass1, tokens: [...pass1.tokens] };
        hooks.onCaption?.('refined', toText(refined).text);
      }

      hooks.onStage?.('done');
      timings.total = now() - started;
      return {
        style,
        coarse: toText(pass1),
        refined: refined ? toText(refined) : undefined,
        saliency: { grid: G, values: Array.from(heat) },
        regions: chosen.map((r): RegionBox => {
          const square = { x: r.x0, y: r.y0, w: r.window, h: r.window };
          const frame = input.geometry ? squareToFrame(input.geometry, square) : square;
          return { ...frame, square, score: r.score };
        }),
        timings,
        backend: backend.name,
        ...(look ? { look } : {}),
      };
    } finally {
      prefixKv?.release();
    }
  }

  function toText(generation: Generation): CaptionText {
    return { text: tokenizer.decode(generation.tokens), tokens: generation.tokens, stopReason: generation.stopReason };
  }

  return { config, backendName: backend.name, caption };
}

/** Runs every part once on a grey square (shader compilation, first-run allocations) before reporting ready. */
export async function warmUp(captioner: Captioner): Promise<number> {
  const { size } = captioner.config.image;
  const t0 = now();
  await captioner.caption(
    { pixels: new Uint8Array(size * size * 4).fill(128) },
    { refine: true, maxNewTokens: 2, k: 1 },
  );
  return now() - t0;
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/** The learned two-pass model as a CaptionEngine (engine.ts): it wants the frame fitted to its square. */
export function mmserEngine(captioner: Captioner): CaptionEngine {
  const { image } = captioner.config;
  return {
    modelType: captioner.config.model_type,
    backendName: captioner.backendName,
    frameNeed: { kind: 'square', size: image.size, fit: image.fit, fill: image.letterbox_value },
    caption: (input, options, hooks) => captioner.caption(input, options, hooks),
    warmUp: () => warmUp(captioner),
  };
}
