import type { InferenceBackend, TensorRef } from './backend';
import type { GlanceConfig } from './bundle/config';
import { cropChw } from './image/pixels';
import type { Region } from './regions';

/**
 * Steps 7-8 of docs/model-format.md: crops each region's window from the normalised full-resolution square
 * (planar CHW, no resampling), encodes the crops, and fuses their features with the coarse caption through the
 * connector. Returns the region embeddings on the host ([k*R*D]) for pass 2's prompt.
 */
export async function lookAgain(
  backend: InferenceBackend,
  config: GlanceConfig,
  squareChw: Float32Array,
  regions: readonly Region[],
  captionEmbeds: Float32Array,
): Promise<Float32Array> {
  const { size } = config.image;
  const W = config.regions.window;
  const k = regions.length;
  const T = config.vision.grid * config.vision.grid;
  const F = config.vision.region_feature_size;
  const D = config.decoder.hidden_size;

  const pixels = new Float32Array(k * 3 * W * W);
  regions.forEach((r, i) => pixels.set(cropChw(squareChw, size, r.x0, r.y0, W), i * 3 * W * W));
  const boxes = new Float32Array(k * 4);
  regions.forEach((r, i) => boxes.set([r.x0 / size, r.y0 / size, (r.x0 + W) / size, (r.y0 + W) / size], i * 4));

  const owned: TensorRef[] = [];
  try {
    const pixelTensor = backend.create('float32', pixels, [k, 3, W, W]);
    owned.push(pixelTensor);
    const encoded = await backend.run('vision_encoder', { pixel_values: pixelTensor });
    owned.push(...Object.values(encoded));
    // [k,T,F] -> [1,k,T,F]: a reshape the seam has no op for, so through the host (k*T*F floats, once a frame).
    const features = await backend.read(encoded.region_features);
    const feeds = {
      region_features: backend.create('float32', features, [1, k, T, F]),
      region_boxes: backend.create('float32', boxes, [1, k, 4]),
      caption_embeds: backend.create('float32', captionEmbeds, [1, captionEmbeds.length / D, D]),
    };
    owned.push(...Object.values(feeds));
    const fused = await backend.run('connector', feeds);
    owned.push(...Object.values(fused));
    return await backend.read(fused.region_embeds);
  } finally {
    for (const tensor of owned) backend.release(tensor);
  }
}
