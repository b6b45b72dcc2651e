/** transformers.js's image-to-text pipeline (the vision encoder-decoder family) behind Glance's HubCaptionModel. */
import type { CaptionText } from '../../../src/core/caption-types';
import { throwIfCancelled } from '../../../src/core/decode/cancel';
import type { HubCaptionModel } from '../../../src/core/hub/hub-captioner';
import type { HubRepo } from '../../../src/core/hub/hub-repo';
import { StepStreamer } from './step-streamer';
import {
  eosIds,
  type HubLoadOptions,
  type LoadedHubModel,
  pretrainedOptions,
  rawImage,
  textOfIds,
  transformersFor,
  untilEos,
} from './transformers-library';

export async function loadVisionEncoderDecoder(repo: HubRepo, options: HubLoadOptions): Promise<LoadedHubModel> {
  const tf = await transformersFor(repo);
  const { files, common, model: modelOptions } = pretrainedOptions(repo, options);
  const pipe = await tf.pipeline('image-to-text', repo.id, { ...common, ...modelOptions });
  const { model, tokenizer, processor } = pipe;
  const eos = eosIds(model.generation_config ?? model.config);

  const caption: HubCaptionModel['caption'] = async (images, { maxNewTokens, onPiece, cancel }) => {
    const { pixel_values } = await processor(images.map((image) => rawImage(tf, image)));
    throwIfCancelled(cancel, 'encoding');
    const decode = textOfIds(tokenizer);
    const output = (await model.generate({
      inputs: pixel_values,
      max_new_tokens: maxNewTokens,
      // generate() only calls put() and end(); its declared type is TextStreamer.
      streamer: new StepStreamer(cancel, onPiece && decode, onPiece) as never,
    })) as { tolist(): bigint[][] };
    return output.tolist().map((row): CaptionText => {
      // The first id is the decoder's start token, not part of the caption.
      const { tokens, ended } = untilEos(row.slice(1).map(Number), eos);
      return { text: decode(tokens).trim(), tokens, stopReason: ended ? 'eos' : 'max_new_tokens' };
    });
  };

  return { model: { caption }, files: [...files].sort(), dispose: () => pipe.dispose() };
}
