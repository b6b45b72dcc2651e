/**
 * An instruction VLM that takes several images in one prompt (SmolVLM / Idefics3 in transformers.js) behind
 * Glance's HubCaptionModel. Its second look is the method itself (docs/hub-models.md): the frame, the coarse
 * caption and full-resolution crops of the salient regions go into one prompt that asks for a corrected
 * description.
 */
import type { CaptionStyle } from '../../../src/core/bundle/config';
import type { CaptionText } from '../../../src/core/caption-types';
import { throwIfCancelled } from '../../../src/core/decode/cancel';
import type { HubCaptionModel, HubGenerateOptions, RgbImage } from '../../../src/core/hub/hub-captioner';
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

const DESCRIBE: Record<CaptionStyle, string> = {
  short: 'Describe this image in one sentence.',
  detailed: 'Describe this image in detail.',
};

/** The second look's request: the coarse caption to correct with what the close-ups show. */
export function closeUpPrompt(coarse: string, closeUps: number, style: CaptionStyle): string {
  const which = closeUps === 1 ? 'The second image is a close-up' : `The other ${closeUps} images are close-ups`;
  return (
    `${which} of a region of the first image, at full resolution. A first description of the first image was: ` +
    `"${coarse}". Using the close-ups, correct and complete it: ${DESCRIBE[style].toLowerCase()} ` +
    'Name only what you can see.'
  );
}

interface VlmProcessor {
  (text: string, images: unknown): Promise<Record<string, unknown> & { input_ids: { dims: number[] } }>;
  apply_chat_template(messages: unknown[], options: { add_generation_prompt: boolean }): string;
  tokenizer: IdTokenizer;
}

export async function loadInstructionVlm(repo: HubRepo, options: HubLoadOptions): Promise<LoadedHubModel> {
  const tf = await transformersFor(repo);
  const { files, common, model: modelOptions } = pretrainedOptions(repo, options);
  const [model, processor] = (await Promise.all([
    tf.AutoModelForVision2Seq.from_pretrained(repo.id, { ...common, ...modelOptions }),
    tf.AutoProcessor.from_pretrained(repo.id, common),
  ])) as unknown as [GenerativeModel, VlmProcessor];
  const eos = eosIds(model.generation_config ?? model.config);
  const decode = textOfIds(processor.tokenizer);

  /** One user turn with `images` (in order) and `text`; the answer's text. */
  async function ask(images: readonly RgbImage[], text: string, options: HubGenerateOptions): Promise<CaptionText> {
    const { maxNewTokens, onPiece, cancel } = options;
    const messages = [{ role: 'user', content: [...images.map(() => ({ type: 'image' })), { type: 'text', text }] }];
    const prompt = processor.apply_chat_template(messages, { add_generation_prompt: true });
    const inputs = await processor(
      prompt,
      images.map((image) => rawImage(tf, image)),
    );
    throwIfCancelled(cancel, 'encoding');
    const promptLength = inputs.input_ids.dims.at(-1) ?? 0;
    const output = (await model.generate({
      ...inputs,
      max_new_tokens: maxNewTokens,
      do_sample: false,
      streamer: new StepStreamer(cancel, onPiece && decode, onPiece),
    })) as { tolist(): bigint[][] };
    const [row] = output.tolist();
    const { tokens, ended } = untilEos(row.slice(promptLength).map(Number), eos);
    return { text: decode(tokens).trim(), tokens, stopReason: ended ? 'eos' : 'max_new_tokens' };
  }

  const caption: HubCaptionModel['caption'] = async (images, options) => {
    const texts: CaptionText[] = [];
    // One prompt a picture: only the first streams.
    for (const [i, image] of images.entries()) {
      texts.push(await ask([image], DESCRIBE[options.style], i === 0 ? options : { ...options, onPiece: undefined }));
    }
    return texts;
  };

  const describeWithCloseUps: NonNullable<HubCaptionModel['describeWithCloseUps']> = (
    frame,
    closeUps,
    coarse,
    options,
  ) =>
    closeUps.length === 0
      ? Promise.resolve({ text: coarse, tokens: [], stopReason: 'eos' })
      : ask([frame, ...closeUps], closeUpPrompt(coarse, closeUps.length, options.style), options);

  return {
    model: { caption, describeWithCloseUps },
    files: [...files].sort(),
    dispose: () => model.dispose().then(() => {}),
  };
}
