import type { InferenceBackend, TensorRef } from './backend';
import type { GlanceConfig } from './bundle/config';
import type { DecoderSpec } from './decode/decoder-spec';
import type { KvCache } from './decode/kv-cache';
import { runDecoderStep } from './decode/step';

/**
 * Steps 2-3 of docs/model-format.md: the global view through the vision encoder, then the decoder over the image
 * tokens from an empty past -> the shared prefix cache KV_img. Without the cache the image embeddings are instead
 * read to the host (the no-cache runner recomputes the prefix from them) and the prefix step is skipped.
 */
export async function encodeImage(
  backend: InferenceBackend,
  config: GlanceConfig,
  spec: DecoderSpec,
  globalChw: Float32Array,
  useCache: boolean,
): Promise<{ prefixKv: KvCache | null; imageEmbeds?: Float32Array }> {
  const S = config.image.global_size;
  const owned: TensorRef[] = [];
  try {
    const pixels = backend.create('float32', globalChw, [1, 3, S, S]);
    owned.push(pixels);
    // With the cache, the embeddings only feed the decoder: leave them on the device.
    const encoded = await backend.run('vision_encoder', { pixel_values: pixels }, useCache ? ['image_embeds'] : []);
    owned.push(...Object.values(encoded));
    if (!useCache) return { prefixKv: null, imageEmbeds: await backend.read(encoded.image_embeds) };
    const step = await runDecoderStep(backend, spec, encoded.image_embeds, null, { logits: false, saliency: false });
    return { prefixKv: step.present };
  } finally {
    for (const tensor of owned) backend.release(tensor);
  }
}
