/**
 * Florence-2 (transformers.js's Florence2ForConditionalGeneration and Florence2Processor) behind Glance's
 * HubCaptionModel: its caption tasks for the glance and the crops, and `<CAPTION_TO_PHRASE_GROUNDING>` to find the
 * coarse caption's phrases in the frame (the family's second look, docs/hub-models.md).
 */
import type { CaptionStyle } from '../../../src/core/bundle/config';
import type { CaptionText } from '../../../src/core/caption-types';
import { throwIfCancelled } from '../../../src/core/decode/cancel';
import type {
  GroundedPhrase,
  HubCaptionModel,
  HubGenerateOptions,
  RgbImage,
} from '../../../src/core/hub/hub-captioner';
import type { HubRepo } from '../../../src/core/hub/hub-repo';
import { StepStreamer } from './step-streamer';
import {
  eosIds,
  type GenerativeModel,
  type HubLoadOptions,
  type IdTokenizer,
  type LoadedHubModel,
  pretrainedOptions,
  rawImage,
  textOfIds,
  transformersFor,
  untilEos,
} from './transformers-library';

/** Florence-2's task tokens: its own short and detailed caption tasks, and grounding of a caption's phrases. */
const CAPTION_TASK: Record<CaptionStyle, string> = { short: '<CAPTION>', detailed: '<DETAILED_CAPTION>' };
const GROUNDING_TASK = '<CAPTION_TO_PHRASE_GROUNDING>';

interface Florence2Processor {
  (images: unknown, text: string | string[]): Promise<Record<string, unknown>>;
  tokenizer: IdTokenizer;
  post_process_generation(text: string, task: string, size: [number, number]): Record<string, unknown>;
}

export async function loadFlorence2(repo: HubRepo, options: HubLoadOptions): Promise<LoadedHubModel> {
  const tf = await transformersFor(repo);
  const { files, common, model: modelOptions } = pretrainedOptions(repo, options);
  const [model, processor] = (await Promise.all([
    tf.Florence2ForConditionalGeneration.from_pretrained(repo.id, { ...common, ...modelOptions }),
    tf.AutoProcessor.from_pretrained(repo.id, common),
  ])) as unknown as [GenerativeModel, Florence2Processor];
  const eos = eosIds(model.generation_config ?? model.config);
  const decode = textOfIds(processor.tokenizer);
  const decodeWithSpecial = textOfIds(processor.tokenizer, true);

  /** One task over a batch of pictures (the same prompt for each): the rows' tokens up to their end. */
  async function run(images: readonly RgbImage[], prompt: string, options: HubGenerateOptions) {
    const { maxNewTokens, onPiece, cancel } = options;
    const inputs = await processor(
      images.map((image) => rawImage(tf, image)),
      images.map(() => prompt),
    );
    throwIfCancelled(cancel, 'encoding');
    const output = (await model.generate({
      ...inputs,
      max_new_tokens: maxNewTokens,
      // generate() only calls put() and end(); its declared type is TextStreamer.
      streamer: new StepStreamer(cancel, onPiece && decode, onPiece),
    })) as { tolist(): bigint[][] };
    // The first id is the decoder's start token.
    return output.tolist().map((row) => untilEos(row.slice(1).map(Number), eos));
  }

  const caption: HubCaptionModel['caption'] = async (images, options) => {
    const rows = await run(images, CAPTION_TASK[options.style], options);
    return rows.map(({ tokens, ended }): CaptionText => ({
      text: decode(tokens).trim(),
      tokens,
      stopReason: ended ? 'eos' : 'max_new_tokens',
    }));
  };

  // Grounding writes "phrase<loc_x1><loc_y1><loc_x2><loc_y2>..." in bins of 1/1000 of the picture; the
  // processor's post-processing turns them into pixel boxes.
  const ground: NonNullable<HubCaptionModel['ground']> = async (image, text, options) => {
    const [row] = await run([image], `${GROUNDING_TASK}${text}`, { ...options, maxNewTokens: GROUNDING_TOKENS });
    const answer = processor.post_process_generation(decodeWithSpecial(row.tokens), GROUNDING_TASK, [
      image.width,
      image.height,
    ])[GROUNDING_TASK] as { labels?: string[]; bboxes?: number[][] } | undefined;
    const labels = answer?.labels ?? [];
    return (answer?.bboxes ?? []).map(([x1, y1, x2, y2], i): GroundedPhrase => ({
      phrase: labels[i] ?? '',
      x: x1,
      y: y1,
      w: x2 - x1,
      h: y2 - y1,
    }));
  };

  return { model: { caption, ground }, files: [...files].sort(), dispose: () => model.dispose().then(() => {}) };
}

/** Room for several phrases of a few words, each with its four location tokens. */
const GROUNDING_TOKENS = 64;
